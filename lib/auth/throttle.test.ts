// Throttling of sign-in, token creation and sign-up through the running app (real Redis), and
// the timing of a wrong email against a wrong password. Each test speaks from its own client
// address (X-Forwarded-For, which the app reads as Next.js sets it) so tests do not share counts.
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { api, baseUrl, createUser, PASSWORD, uniqueEmail } from '@/lib/testing/http';

const address = () => `203.0.113.${1 + Math.floor(Math.random() * 250)}-${randomBytes(3).toString('hex')}`;

function tokenRequest(email: string, password: string, from: string) {
  return api('/api/v1/tokens', { method: 'POST', json: { email, password, name: 't' }, headers: { 'x-forwarded-for': from } });
}

async function credentialsSignIn(email: string, password: string, from: string) {
  const csrfRes = await fetch(`${baseUrl()}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = csrfRes.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return fetch(`${baseUrl()}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar, 'x-forwarded-for': from },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: '/studio' }),
  });
}

afterAll(async () => (await import('@/lib/auth/throttle')).closeThrottle());

describe('sign-in throttling', () => {
  it('locks an account after 5 failures (429 + Retry-After), even with the right password, for tokens and sign-in', async () => {
    const user = await createUser('throttle');
    for (let i = 0; i < 5; i++) expect((await tokenRequest(user.email, 'wrong-password-1', address())).status).toBe(401);
    const locked = await tokenRequest(user.email, PASSWORD, address());
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(locked.data.error.code).toBe('too_many_requests');
    const signIn = await credentialsSignIn(user.email, PASSWORD, address());
    expect(signIn.status).toBe(429);
    expect(Number(signIn.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('a success clears the account count', async () => {
    const user = await createUser('throttleok');
    const from = address();
    for (let i = 0; i < 4; i++) expect((await tokenRequest(user.email, 'wrong-password-1', from)).status).toBe(401);
    expect((await tokenRequest(user.email, PASSWORD, from)).status).toBe(201);
    for (let i = 0; i < 4; i++) expect((await tokenRequest(user.email, 'wrong-password-1', from)).status).toBe(401);
    expect((await tokenRequest(user.email, PASSWORD, from)).status).toBe(201);
  });

  it('locks an address after 50 failures across many accounts', async () => {
    const from = address();
    for (let i = 0; i < 50; i += 10) {
      const batch = await Promise.all(Array.from({ length: 10 }, () => tokenRequest(uniqueEmail('nobody'), 'wrong-password-1', from)));
      expect(batch.map((r) => r.status)).toEqual(Array(10).fill(401));
    }
    const user = await createUser('throttleaddr');
    const res = await tokenRequest(user.email, PASSWORD, from);
    expect(res.status).toBe(429);
    expect((await tokenRequest(user.email, PASSWORD, address())).status).toBe(201);
  });

  it('takes as long for an unknown email as for a wrong password', async () => {
    const user = await createUser('timing');
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 4; i++) {
      let t = performance.now();
      expect((await tokenRequest(user.email, 'wrong-password-1', address())).status).toBe(401);
      known.push(performance.now() - t);
      t = performance.now();
      expect((await tokenRequest(uniqueEmail('ghost'), 'wrong-password-1', address())).status).toBe(401);
      unknown.push(performance.now() - t);
    }
    const ratio = median(unknown) / median(known);
    console.log(`wrong password ${median(known).toFixed(1)} ms, unknown email ${median(unknown).toFixed(1)} ms`);
    expect(ratio).toBeGreaterThan(0.6);
    expect(ratio).toBeLessThan(1.6);
  });
});

describe('sign-up throttling', () => {
  it('limits sign-ups per email (429 + Retry-After)', async () => {
    const email = uniqueEmail('again');
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 6; i++) {
      last = await api('/api/v1/signup', { method: 'POST', json: { email, password: PASSWORD, name: 'x' }, headers: { 'x-forwarded-for': address() } });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([201, 409, 409, 409, 409, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('limits sign-ups per address (the limit the suite raises for its own loopback users)', async () => {
    // npm test raises SIGNUP_MAX_PER_ADDRESS for the server; the counter itself is checked
    // here in process against the same Redis, at the default of 20 an hour.
    process.env.SIGNUP_MAX_PER_ADDRESS = '20';
    const { consumeSignUp } = await import('@/lib/auth/throttle');
    const from = address();
    for (let i = 0; i < 20; i++) await consumeSignUp(uniqueEmail('many'), from);
    await expect(consumeSignUp(uniqueEmail('many'), from)).rejects.toMatchObject({ status: 429, retryAfter: expect.any(Number) });
    await expect(consumeSignUp(uniqueEmail('many'), address())).resolves.toBeUndefined();
  });
});
