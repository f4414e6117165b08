import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthedRequest } from '@/auth/auth.guard';
import { knownProblem } from '@/common/known-errors';
import { Problem } from '@/common/problem';
import { CsrfRefused } from './csrf';
import { problemText } from './i18n/problem-text';
import { PagesService } from './pages.service';

/**
 * Errors on pages are pages: not signed in → the sign-in page (and back afterwards); everything else an
 * error page with the status, in the user's language. Nothing of the internals is shown.
 */
@Catch()
export class WebExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('WebPages');

  constructor(private readonly pages: PagesService) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const request = host.switchToHttp().getRequest<AuthedRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (reply.sent) return;
    exception = knownProblem(exception) ?? exception;
    const retryAfter = exception instanceof Problem ? exception.extra.retryAfter : undefined;
    if (typeof retryAfter === 'number') reply.header('Retry-After', retryAfter);
    const status =
      exception instanceof HttpException
        ? exception.getStatus()
        : typeof (exception as { statusCode?: unknown })?.statusCode === 'number' &&
            (exception as { statusCode: number }).statusCode < 500
          ? (exception as { statusCode: number }).statusCode
          : 500;
    if (status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (exception instanceof Problem && exception.code === 'totp-enrolment-required') {
      // REQUIRE_TOTP_FOR: nothing but the enrolment until the second factor is on.
      await reply.status(303).header('Location', '/profile#second-factor').send();
      return;
    }
    if (status === 401) {
      const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
      await reply.status(303).header('Location', `/login${next}`).send();
      return;
    }
    const context = this.pages.context(request, reply);
    const message =
      exception instanceof CsrfRefused
        ? context.t('error.csrf')
        : context.t(`error.${[400, 403, 404, 409, 413, 415, 429].includes(status) ? status : 500}`);
    const detail =
      exception instanceof Problem &&
      [400, 403, 409, 413, 415].includes(status) &&
      !(exception instanceof CsrfRefused)
        ? problemText(exception, context.locale)
        : null;
    await this.pages.send(
      reply,
      context,
      'error',
      { status, message, detail },
      {
        values: {},
        errors: {},
        formError: null,
        status,
      },
    );
  }
}
