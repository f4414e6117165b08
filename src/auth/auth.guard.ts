import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type {} from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import { problem, unauthorized } from '@/common/problem';
import { IS_PUBLIC } from '@/common/public-route';
import { ENROLMENT_ALLOWED, REQUIRED_ROLES } from '@/users/access-markers';
import type { Role } from '@/users/user.entity';
import type { AuthUser } from './auth-user';
import { AuthService } from './auth.service';
import { SESSION_COOKIE } from './session-token';
import { TotpService } from './totp.service';

export type AuthedRequest = FastifyRequest & { user?: AuthUser; sessionToken?: string };

/** Reads the Bearer token or the session cookie; reads the token on every request (sessions can be revoked). */
export function tokenFrom(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  return request.cookies?.[SESSION_COOKIE] ?? null;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH']);

/**
 * A plain HTML form on another site can POST urlencoded, multipart or text bodies with the user's
 * cookie (where SameSite does not stop it); it cannot send JSON without a CORS preflight, which this
 * service never grants. So an API write authenticated by the cookie alone must be JSON. Pages post to
 * their own routes, which check a CSRF token instead.
 */
function isCrossSiteCapableApiWrite(request: FastifyRequest): boolean {
  if (!request.url.startsWith('/api/') || !WRITES.has(request.method)) return false;
  if (request.headers.authorization?.startsWith('Bearer ')) return false;
  return !(request.headers['content-type'] ?? '').toLowerCase().startsWith('application/json');
}

/** Global guard: every route needs a signed-in user unless marked @Public(); @Roles() narrows it. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly totp: TotpService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const targets = [context.getHandler(), context.getClass()];
    const token = tokenFrom(request);
    const user = token ? await this.auth.userForToken(token) : null;
    if (user) {
      request.user = user;
      request.sessionToken = token ?? undefined;
    }
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    if (!user) throw unauthorized();
    if (isCrossSiteCapableApiWrite(request)) {
      throw problem(
        'cookie-write-needs-json',
        {},
        'API writes signed in by cookie must send a JSON body (or use the Bearer token).',
      );
    }
    if (this.totp.mustEnrol(user) && !this.reflector.getAllAndOverride<boolean>(ENROLMENT_ALLOWED, targets)) {
      throw problem(
        'totp-enrolment-required',
        {},
        'Your role requires a second factor: enrol first (POST /api/me/totp, then POST /api/me/totp/confirm).',
      );
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && !roles.some((role) => user.roles.includes(role)))
      throw problem('forbidden-role', {}, 'Your role may not do this.');
    return true;
  }
}
