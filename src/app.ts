import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import type { AppConfig } from './config/config';
import { ensureDatabase } from './database/ensure-database';
import { limitedJsonParser } from './common/json-body';
import { PinoNestLogger } from './common/logger';
import { ProblemFilter } from './common/problem.filter';
import { refuseCrossOriginWrites } from './common/same-origin-writes';
import { registerSecurityHeaders } from './common/security-headers';
import { TextRuleInterceptor } from './common/text-rule';
import { createValidationPipe } from './common/validation';
import { SESSION_COOKIE } from './auth/session-token';
import { MAX_ATTACHMENT_BYTES } from './proposals/attachments.service';
import { OfficeSignIn, UsersService } from './users/users.service';

export interface StartedApp {
  app: NestFastifyApplication;
  officeSignIn: OfficeSignIn;
}

/** Builds and initialises the whole service; shared by `main.ts` and the e2e tests. */
export async function createApp(config: AppConfig, logger: Logger): Promise<StartedApp> {
  if (await ensureDatabase(config.databaseUrl)) logger.info('Created the database named in DATABASE_URL.');
  const adapter = new FastifyAdapter({ trustProxy: config.trustProxy, bodyLimit: 1024 * 1024 });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
  });
  // Before any route: the headers and the Origin check cover Nest's routes, swagger-ui and bull-board.
  registerSecurityHeaders(app, { hsts: config.hsts });
  // The queue dashboard's mount point (DASHBOARD_PATH), written out: the root imports no module internals.
  refuseCrossOriginWrites(app, '/admin/queues', config.appUrl);
  const fastify = app.getHttpAdapter().getInstance();
  app.useBodyParser(
    'application/json',
    {},
    limitedJsonParser(fastify.getDefaultJsonParser('error', 'error')),
  );
  await app.register(fastifyCookie, { secret: config.sessionSecret });
  await app.register(fastifyMultipart, {
    limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 5, parts: 6 },
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalInterceptors(new TextRuleInterceptor());
  app.useGlobalFilters(new ProblemFilter());
  app.enableShutdownHooks();

  const openApi = new DocumentBuilder()
    .setTitle('Beirat API')
    .setDescription(
      'Proposal review workflow: calls, proposals, reviews, decisions. Every refusal is ' +
        'application/problem+json with a stable `code`, its `params` and `type` /problems/<code> ' +
        '(the codes: docs/PROBLEMS.md); `detail` is English prose for people.',
    )
    .setVersion('1')
    // The token of POST /api/auth/login is an opaque session token (revocable, looked up on every request), not a JWT.
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: undefined, // the default claims JWT
      description: 'The opaque session token `accessToken` of POST /api/auth/login (not a JWT).',
    })
    .addCookieAuth(SESSION_COOKIE, {
      type: 'apiKey',
      in: 'cookie',
      description:
        'The same token as an httpOnly cookie, set by sign-in; writes signed in by the cookie alone must send JSON.',
    })
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi));

  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const officeSignIn = await app.get(UsersService).ensureOfficeUser();
  return { app, officeSignIn };
}
