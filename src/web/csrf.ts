import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import { tokenFrom } from '@/auth/auth.guard';
import { APP_CONFIG } from '@/config/config.constants';
import type { AppConfig } from '@/config/config';
import { Problem } from '@/common/problem';

/** Random per-browser value; the form token is an HMAC over it and the session, so no server state. */
export const CSRF_COOKIE = 'beirat_csrf';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** A form post without a valid token: a 403 page, nothing done. */
export class CsrfRefused extends Problem {
  constructor() {
    super('csrf-invalid', 'The form token is missing or wrong.');
  }
}

@Injectable()
export class CsrfService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The token for forms on this page; sets the browser cookie first when there is none. */
  tokenFor(request: FastifyRequest, reply: FastifyReply): string {
    let browser = request.cookies?.[CSRF_COOKIE];
    if (!browser || !/^[\w-]{22,64}$/.test(browser)) {
      browser = randomBytes(18).toString('base64url');
      reply.setCookie(CSRF_COOKIE, browser, {
        httpOnly: true,
        sameSite: 'lax',
        secure: this.config.appUrl.startsWith('https:'),
        path: '/',
      });
      // Later reads in this request (e.g. a second form) see the same value.
      (request.cookies as Record<string, string>)[CSRF_COOKIE] = browser;
    }
    return this.sign(browser, tokenFrom(request));
  }

  /** True when `token` was made for this browser and this session. */
  verify(request: FastifyRequest, token: unknown): boolean {
    const browser = request.cookies?.[CSRF_COOKIE];
    if (!browser || typeof token !== 'string' || token.length === 0) return false;
    const expected = Buffer.from(this.sign(browser, tokenFrom(request)));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private sign(browser: string, session: string | null): string {
    return createHmac('sha256', this.config.sessionSecret)
      .update(`csrf\n${browser}\n${session ?? ''}`)
      .digest('base64url');
  }
}

/**
 * Every state-changing request to a page controller must carry the token: in the form field `_csrf`,
 * in the `X-CSRF-Token` header (htmx), or — for multipart uploads, whose body is read later — in the
 * query string.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(private readonly csrf: CsrfService) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return true;
    const body = request.body as Record<string, unknown> | undefined;
    const query = request.query as Record<string, unknown> | undefined;
    const token =
      (body && typeof body === 'object' ? body[CSRF_FIELD] : undefined) ??
      request.headers[CSRF_HEADER] ??
      (request.isMultipart() ? query?.[CSRF_FIELD] : undefined);
    if (!this.csrf.verify(request, token)) throw new CsrfRefused();
    return true;
  }
}
