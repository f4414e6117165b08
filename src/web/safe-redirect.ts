/**
 * Resolves candidate targets; any origin of our own would do, because only the path part is kept.
 * A fixed one keeps the helper free of configuration.
 */
const OWN_ORIGIN = 'http://beirat.invalid';

/** Control characters (tab, CR, LF, …) and backslashes: browsers drop or rewrite them, Fastify refuses them in headers. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f\\]/;

/**
 * The one check for every redirect target taken from a request (`next`, `back`): only a path on this
 * site, answered as the URL parser normalises it (non-ASCII percent-encoded), else `fallback`.
 * `/\t/evil.example` (a browser drops the tab and goes to //evil.example), `//evil.example`,
 * `/\evil.example`, `https://…` and `/..//evil.example` (normalised to `//…`) all fall back.
 */
export function safeRedirect(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || UNSAFE.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, OWN_ORIGIN);
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (url.origin !== OWN_ORIGIN || !path.startsWith('/') || path.startsWith('//')) return fallback;
  return path;
}
