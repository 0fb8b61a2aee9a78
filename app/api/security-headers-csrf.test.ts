// Security headers on pages and API responses, and CSRF: a cookie-authenticated state change
// must come from the app's own origin with a JSON or multipart body; bearer calls are unaffected.
import { beforeAll, describe, expect, it } from 'vitest';
import { api, baseUrl, createUser, sessionCookie, type TestUser } from '@/lib/testing/http';

let user: TestUser;
let cookie: string;

beforeAll(async () => {
  user = await createUser('csrf');
  cookie = await sessionCookie(user.email);
});

function expectCommonHeaders(h: Headers) {
  expect(h.get('x-content-type-options')).toBe('nosniff');
  expect(h.get('x-frame-options')).toBe('DENY');
  expect(h.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  expect(h.get('content-security-policy')).toContain("frame-ancestors 'none'");
}

describe('security headers', () => {
  it('pages carry a nonce CSP and Next.js puts that nonce on its scripts', async () => {
    for (const page of ['/', '/signin', '/gallery']) {
      const res = await fetch(baseUrl() + page, { redirect: 'manual' });
      expectCommonHeaders(res.headers);
      const csp = res.headers.get('content-security-policy')!;
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce, csp).toBeTruthy();
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-eval');
      const html = await res.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, page).toContain(`nonce="${nonce}"`);
    }
    const a = (await fetch(baseUrl() + '/signin')).headers.get('content-security-policy');
    const b = (await fetch(baseUrl() + '/signin')).headers.get('content-security-policy');
    expect(a).not.toBe(b); // a fresh nonce per request
  });

  it('API responses, errors included, carry them too', async () => {
    for (const res of [await fetch(baseUrl() + '/api/v1/gallery'), await fetch(baseUrl() + '/api/v1/me'), await fetch(baseUrl() + '/api/v1/teams/%00')]) {
      expectCommonHeaders(res.headers);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    }
  });
});

describe('CSRF', () => {
  const evil = 'https://evil.example';
  const post = (headers: Record<string, string>, body: string) =>
    api('/api/v1/projects', { method: 'POST', cookie, headers, body });
  const own = () => new URL(baseUrl()).origin;

  it('refuses a cookie POST with text/plain from a foreign origin', async () => {
    const res = await post({ origin: evil, 'content-type': 'text/plain' }, JSON.stringify({ name: 'csrf text' }));
    expect(res.status).toBe(403);
    expect(res.data.error.code).toBe('forbidden');
  });

  it('refuses a foreign origin even with JSON, and cross-site fetch metadata', async () => {
    expect((await post({ origin: evil, 'content-type': 'application/json' }, JSON.stringify({ name: 'x' }))).status).toBe(403);
    expect((await post({ 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' }, JSON.stringify({ name: 'x' }))).status).toBe(403);
  });

  it('refuses a form or text body from the own origin (415): only JSON or multipart', async () => {
    const text = await post({ origin: own(), 'content-type': 'text/plain' }, JSON.stringify({ name: 'x' }));
    expect(text.status).toBe(415);
    const form = await post({ origin: own(), 'content-type': 'application/x-www-form-urlencoded' }, 'name=x');
    expect(form.status).toBe(415);
    expect(form.data.error.message).toMatch(/JSON/);
  });

  it('accepts JSON from the own origin', async () => {
    const res = await post({ origin: own(), 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' }, JSON.stringify({ name: 'csrf ok' }));
    expect(res.status, JSON.stringify(res.data)).toBe(201);
  });

  it('leaves bearer-token calls alone, whatever their origin or content type', async () => {
    const res = await api('/api/v1/projects', { method: 'POST', token: user.token, headers: { origin: evil, 'content-type': 'text/plain' }, body: JSON.stringify({ name: 'bearer' }) });
    expect(res.status, JSON.stringify(res.data)).toBe(201);
  });
});
