import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { knownProblem } from './known-errors';
import { Problem, statusTitle } from './problem';
import { genericCode, problemType } from './problem-codes';

interface FastifyError {
  statusCode?: number;
  code?: string;
  message: string;
}

/**
 * Maps every error to application/problem+json; unknown errors become a 500 without internals. Every
 * body carries `code` and `params` (docs/PROBLEMS.md); `type` is `/problems/<code>`.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const body = this.toProblem(exception, request);
    if (body.status >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if ((body.status === 429 || body.status === 503) && typeof body.retryAfter === 'number')
      reply.header('Retry-After', body.retryAfter);
    void reply.status(body.status).header('Content-Type', 'application/problem+json').send(body);
  }

  private toProblem(
    exception: unknown,
    request: FastifyRequest,
  ): Record<string, unknown> & { status: number } {
    const instance = request.url;
    exception = knownProblem(exception) ?? exception;
    if (exception instanceof Problem) {
      const status = exception.getStatus();
      return {
        type: exception.type,
        title: exception.title,
        status,
        detail: exception.detail,
        instance,
        ...exception.extra,
        code: exception.code,
        params: exception.params,
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
      return generic(status, detail, instance);
    }
    const fastifyError = exception as FastifyError;
    if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode < 500) {
      const status = fastifyError.statusCode;
      return generic(status, fastifyError.message, instance);
    }
    return generic(500, 'Something went wrong on our side.', instance);
  }
}

/** An error that brings only a status: the generic code of that status, no parameters. */
function generic(status: number, detail: string, instance: string) {
  const code = genericCode(status);
  return { type: problemType(code), title: statusTitle(status), status, detail, instance, code, params: {} };
}
