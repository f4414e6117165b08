import type { TestApp } from './test-app';

/** What a plain HTTP client needs to post a page form as a signed-in user: cookies and form token. */
export interface PageSession {
  cookie: string;
  csrf: string;
}

/** Opens the home page as `token`'s user, as a browser would, and keeps its CSRF cookie and token. */
export async function pageSession(t: TestApp, token: string): Promise<PageSession> {
  const session = `beirat_session=${token}`;
  const home = await t.http().get('/').set('Cookie', session);
  const csrf = /<meta name="csrf-token" content="([^"]+)">/.exec(home.text)?.[1];
  const setCookies = ([] as string[]).concat(home.headers['set-cookie'] ?? []);
  const browser = setCookies.map((c) => c.split(';')[0]).find((c) => c.startsWith('beirat_csrf='));
  if (!csrf || !browser) throw new Error(`no form token on the home page: ${home.status}`);
  return { cookie: `${session}; ${browser}`, csrf };
}

/** Posts a page form (urlencoded, with the form token), as the proposal page's buttons do. */
export function postForm(
  t: TestApp,
  session: PageSession,
  path: string,
  fields: Record<string, string> = {},
) {
  return t
    .http()
    .post(path)
    .set('Cookie', session.cookie)
    .type('form')
    .send({ ...fields, _csrf: session.csrf });
}
