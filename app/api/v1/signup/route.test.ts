import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { api, PASSWORD, uniqueEmail } from '@/lib/testing/http';

describe('POST /api/v1/signup', () => {
  it('creates an account and returns it without secrets', async () => {
    const email = uniqueEmail('signup');
    const res = await api('/api/v1/signup', { method: 'POST', json: { email, password: PASSWORD, name: 'Ada' } });
    expect(res.status).toBe(201);
    expect(res.data.user).toMatchObject({ email, name: 'Ada', role: 'USER' });
    expect(JSON.stringify(res.data)).not.toMatch(/passwordHash|scrypt/);
  });

  it('refuses a duplicate email with 409 and writes nothing', async () => {
    const email = uniqueEmail('dup');
    await api('/api/v1/signup', { method: 'POST', json: { email, password: PASSWORD, name: 'First' } });
    const res = await api('/api/v1/signup', { method: 'POST', json: { email: email.toUpperCase(), password: PASSWORD, name: 'Second' } });
    expect(res.status).toBe(409);
    expect(res.data.error).toEqual({ code: 'conflict', message: 'An account with this email already exists' });
    expect(await db.user.count({ where: { email } })).toBe(1);
    expect((await db.user.findUnique({ where: { email } }))?.name).toBe('First');
  });

  it('refuses a weak password with a clear 400 and writes nothing', async () => {
    const email = uniqueEmail('weak');
    const res = await api('/api/v1/signup', { method: 'POST', json: { email, password: 'short', name: 'Weak' } });
    expect(res.status).toBe(400);
    expect(res.data.error.code).toBe('validation_error');
    expect(res.data.error.message).toBe('Password must be at least 10 characters');
    expect(await db.user.count({ where: { email } })).toBe(0);
  });

  it('refuses a malformed email with a clear 400 and writes nothing', async () => {
    const before = await db.user.count();
    const res = await api('/api/v1/signup', { method: 'POST', json: { email: 'not-an-email', password: PASSWORD, name: 'X' } });
    expect(res.status).toBe(400);
    expect(res.data.error.message).toBe('Enter a valid email address');
    expect(await db.user.count()).toBe(before);
  });

  it('refuses a body that is not JSON', async () => {
    const res = await api('/api/v1/signup', { method: 'POST', body: '{oops', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.data.error.message).toBe('Request body must be valid JSON');
  });
});
