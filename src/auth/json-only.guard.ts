import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { problem } from '@/common/problem';

const JSON_TYPE = /^application\/json\s*(;|$)/i;

/**
 * The sign-in API takes JSON only (415 otherwise). A form on another site can post urlencoded,
 * multipart or text/plain bodies without a CORS preflight — a login CSRF, signing the victim's browser
 * into the attacker's account, or registering in the victim's name. JSON needs a preflight, which this
 * service never grants. A request without a body (sign-out with a Bearer token) passes.
 */
@Injectable()
export class JsonOnlyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const { headers } = context.switchToHttp().getRequest<FastifyRequest>();
    const type = headers['content-type'];
    const hasBody =
      type !== undefined ||
      Number(headers['content-length'] ?? 0) > 0 ||
      headers['transfer-encoding'] !== undefined;
    if (hasBody && !JSON_TYPE.test(type ?? '')) {
      throw problem('json-body-required', {}, 'The sign-in API takes application/json only.');
    }
    return true;
  }
}
