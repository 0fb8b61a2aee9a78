// Helpers for integration tests that talk to the real, running web app (started by
// `npm test`, which sets ATELIER_BASE_URL) — real routes, real Postgres, real worker.
import { randomBytes } from 'node:crypto';

export function baseUrl(): string {
  const url = process.env.ATELIER_BASE_URL;
  if (!url) throw new Error('ATELIER_BASE_URL is not set: integration tests run through `npm test`, which starts the app');
  return url;
}

export function uniqueEmail(tag = 'user') {
  return `${tag}-${randomBytes(5).toString('hex')}@example.test`;
}

export const PASSWORD = 'correct-horse-42';

export async function api(path: string, init: RequestInit & { token?: string; cookie?: string; json?: unknown } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  if (init.cookie) headers.set('cookie', init.cookie);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  const res = await fetch(baseUrl() + path, { ...init, headers, body, redirect: 'manual' });
  const text = await res.text();
  let data: any = null; // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = text;
  }
  return { status: res.status, data, headers: res.headers };
}

export type TestUser = { id: string; email: string; token: string };

/** Signs up through the API and exchanges the password for a token. */
export async function createUser(tag = 'user'): Promise<TestUser> {
  const email = uniqueEmail(tag);
  const signup = await api('/api/v1/signup', { method: 'POST', json: { email, password: PASSWORD, name: tag } });
  if (signup.status !== 201) throw new Error(`signup failed: ${signup.status} ${JSON.stringify(signup.data)}`);
  const tok = await api('/api/v1/tokens', { method: 'POST', json: { email, password: PASSWORD, name: 'test' } });
  if (tok.status !== 201) throw new Error(`token failed: ${tok.status} ${JSON.stringify(tok.data)}`);
  return { id: signup.data.user.id, email, token: tok.data.token.token };
}

/** Signs in through Auth.js's credentials endpoint and returns the session cookie header. */
export async function sessionCookie(email: string, password = PASSWORD): Promise<string> {
  const csrfRes = await fetch(`${baseUrl()}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = cookiesFrom(csrfRes.headers);
  const res = await fetch(`${baseUrl()}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: '/studio' }),
  });
  const cookie = [jar, cookiesFrom(res.headers)].filter(Boolean).join('; ');
  if (!/authjs\.session-token=/.test(cookie)) throw new Error(`sign-in failed for ${email} (status ${res.status})`);
  return cookie;
}

function cookiesFrom(headers: Headers) {
  return headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** Makes an existing account an administrator, straight in the database (as the seed would). */
export async function promoteToAdmin(userId: string) {
  const { db } = await import('@/lib/db');
  await db.user.update({ where: { id: userId }, data: { role: 'ADMIN' } });
}
