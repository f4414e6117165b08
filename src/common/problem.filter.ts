import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Problem } from './problem';

interface FastifyError {
  statusCode?: number;
  code?: string;
  message: string;
}

/** Maps every error to application/problem+json; unknown errors become a 500 without internals. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const body = this.toProblem(exception, request);
    if (body.status >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (body.status === 429 && typeof body.retryAfter === 'number')
      reply.header('Retry-After', body.retryAfter);
    void reply.status(body.status).header('Content-Type', 'application/problem+json').send(body);
  }

  private toProblem(
    exception: unknown,
    request: FastifyRequest,
  ): Record<string, unknown> & { status: number } {
    const instance = request.url;
    if (exception instanceof Problem) {
      const status = exception.getStatus();
      return {
        type: exception.type,
        title: exception.title,
        status,
        detail: exception.detail,
        instance,
        ...exception.extra,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const detail =
        typeof response === 'string'
          ? response
          : Array.isArray((response as { message?: unknown }).message)
            ? (response as { message: string[] }).message.join('; ')
            : String((response as { message?: unknown }).message ?? exception.message);
      return { type: 'about:blank', title: new Problem(status, '').title, status, detail, instance };
    }
    const fastifyError = exception as FastifyError;
    if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode < 500) {
      const status = fastifyError.statusCode;
      return {
        type: 'about:blank',
        title: new Problem(status, '').title,
        status,
        detail: fastifyError.message,
        instance,
      };
    }
    return {
      type: 'about:blank',
      title: 'Internal error',
      status: 500,
      detail: 'Something went wrong on our side.',
      instance,
    };
  }
}
