import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCookieAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type {} from '@fastify/cookie';
import type { FastifyReply } from 'fastify';
import { APP_CONFIG } from '@/config/config.constants';
import type { AppConfig } from '@/config/config';
import type { AuthUser } from './auth-user';
import { CurrentUser, EnrolmentAllowed, Public } from './auth.decorators';
import { LoginDto, LoginResponse, RegisterDto, RegistrationAnswer } from './auth.dto';
import type { AuthedRequest } from './auth.guard';
import { AuthService } from './auth.service';
import { JsonOnlyGuard } from './json-only.guard';
import { RegistrationService } from './registration.service';
import { SESSION_COOKIE } from './session-token';
import { ApiProblems } from '@/common/api-problems.decorator';
import { AuthUserDoc } from '@/users/user-view-doc';

@ApiTags('auth')
@Controller('api')
@UseGuards(JsonOnlyGuard)
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly registration: RegistrationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** 202 and the same body for a new and a known address; the mail tells the owner which it was. */
  @Public()
  @Post('auth/register')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: RegistrationAnswer })
  @ApiProblems(400, 415, 429)
  register(@Body() dto: RegisterDto, @Req() request: AuthedRequest): Promise<RegistrationAnswer> {
    return this.registration.register(dto, request.ip);
  }

  /** Answers the Bearer token and sets the same token as an httpOnly cookie for the pages. */
  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponse })
  @ApiProblems(400, 401, 415, 429)
  async login(
    @Body() dto: LoginDto,
    @Req() request: AuthedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponse> {
    const session = await this.auth.login(dto, request.ip);
    reply.setCookie(SESSION_COOKIE, session.accessToken, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.appUrl.startsWith('https:'),
      path: '/',
      expires: new Date(session.expiresAt),
    });
    return session;
  }

  @ApiBearerAuth()
  @ApiCookieAuth()
  @EnrolmentAllowed()
  @Post('auth/logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Signed out; the session cookie is cleared.' })
  @ApiProblems(401, 403)
  async logout(
    @Req() request: AuthedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    if (request.sessionToken) await this.auth.logout(request.sessionToken);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @ApiBearerAuth()
  @ApiCookieAuth()
  @EnrolmentAllowed()
  @Get('me')
  @ApiOkResponse({ type: AuthUserDoc })
  @ApiProblems(401)
  me(@CurrentUser() user: AuthUser): AuthUser {
    return user;
  }
}
