import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { problem } from './problem';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Writes under `prefix` (the queue dashboard's API: retry, promote, clean, pause…) only from a page of
 * this site. bull-board's own calls are same-origin fetches, which browsers send with an `Origin`
 * header; a form or script on another site sends its own origin, or none. The dashboard has no form
 * token of its own, and its session cookie is SameSite=Lax, which does not cover every case (e.g. a
 * sibling subdomain). Same origin means: the app's configured origin (APP_URL) or the Host the request
 * was sent to. A request with neither Origin nor Referer is refused.
 */
export function refuseCrossOriginWrites(app: NestFastifyApplication, prefix: string, appUrl: string): void {
  const appOrigin = new URL(appUrl).origin;
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  fastify.addHook('onRequest', async (request, reply) => {
    if (!WRITES.has(request.method) || !request.url.startsWith(`${prefix}/`)) return;
    const origin = senderOrigin(request);
    if (origin !== null && (origin === appOrigin || new URL(origin).host === request.headers.host)) return;
    // A raw Fastify hook, outside Nest's filters: the problem+json body is written here.
    const refusal = problem('cross-origin-write', {}, 'Changes are accepted only from this site (Origin check).');
    await reply.code(refusal.getStatus()).type('application/problem+json').send({
      type: refusal.type,
      title: refusal.title,
      status: refusal.getStatus(),
      detail: refusal.detail,
      code: refusal.code,
      params: refusal.params,
      instance: request.url,
    });
  });
}

/** The origin the request says it comes from (`Origin`, else `Referer`), or null. */
function senderOrigin(request: FastifyRequest): string | null {
  const raw = request.headers.origin ?? request.headers.referer;
  if (!raw || raw === 'null') return null;
  try {
    return new URL(raw).origin;
  } catch {
    return null;
  }
}
