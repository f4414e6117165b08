import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * Pages, API answers and the one-click pages: everything from this origin, no inline script or style
 * (the views have none; htmx, Pico and app.js are served from /assets), no framing, forms only to here.
 */
const APP_CSP = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  objectSrc: ["'none'"],
  imgSrc: ["'self'", 'data:'],
  styleSrc: ["'self'"],
  scriptSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * swagger-ui (/api/docs) and bull-board (/admin/queues) load their scripts from here too, but write
 * inline `<style>` blocks and style attributes into their HTML. These two alone get
 * 'unsafe-inline' for styles — never for scripts. bull-board's link to Google Fonts is removed from its
 * page (src/jobs/queue-dashboard.ts); the CSP would block it as well.
 */
const INLINE_STYLE_CSP = { ...APP_CSP, styleSrc: ["'self'", "'unsafe-inline'"] };
const INLINE_STYLE_PREFIXES = ['/api/docs', '/admin/queues'];

/** 180 days; no includeSubDomains or preload, so other hosts of the domain are not bound by it. */
const HSTS_MAX_AGE_S = 180 * 24 * 3600;

/**
 * Security headers on every answer, registered on Fastify itself so routes that Nest does not own
 * (swagger-ui, bull-board, 404s) get them too: CSP, X-Frame-Options DENY, nosniff, Referrer-Policy,
 * and Strict-Transport-Security when `HSTS=on`. helmet sets the standard set; one hook widens the
 * CSP's styles where inline styles cannot be avoided. helmet's middleware is built once here:
 * @fastify/helmet built it again on every request (parsing the CSP each time, ~2 % of a read's CPU).
 */
export function registerSecurityHeaders(app: NestFastifyApplication, options: { hsts: boolean }): void {
  const applyHeaders = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: APP_CSP },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: options.hsts ? { maxAge: HSTS_MAX_AGE_S, includeSubDomains: false } : false,
  });
  const inlineStyleCsp = serialise(INLINE_STYLE_CSP);
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  fastify.addHook('onRequest', (request, reply, done) => {
    applyHeaders(request.raw, reply.raw, (error?: unknown) => {
      const path = request.url.split('?')[0];
      if (INLINE_STYLE_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) {
        reply.header('Content-Security-Policy', inlineStyleCsp);
      }
      done(error as Error | undefined);
    });
  });
}

function serialise(directives: Record<string, string[]>): string {
  return Object.entries(directives)
    .map(([name, values]) => `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${values.join(' ')}`)
    .join('; ');
}
