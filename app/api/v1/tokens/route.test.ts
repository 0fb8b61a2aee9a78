import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { api, createUser, PASSWORD, promoteToAdmin } from '@/lib/testing/http';

describe('personal access tokens', () => {
  it('exchanges email and password for a token that authenticates GET /me', async () => {
    const user = await createUser('token');
    const me = await api('/api/v1/me', { token: user.token });
    expect(me.status).toBe(200);
    expect(me.data.user).toMatchObject({ id: user.id, email: user.email, role: 'USER' });
  });

  it('refuses a wrong password with 401 and a clear message', async () => {
    const user = await createUser('wrongpw');
    const res = await api('/api/v1/tokens', { method: 'POST', json: { email: user.email, password: 'wrong-password-1', name: 'x' } });
    expect(res.status).toBe(401);
    expect(res.data.error).toEqual({ code: 'unauthorized', message: 'Wrong email or password' });
  });

  it('401s without credentials and with a revoked token', async () => {
    expect((await api('/api/v1/me')).status).toBe(401);
    const user = await createUser('revoke');
    const list = await api('/api/v1/tokens', { token: user.token });
    expect(list.data.tokens).toHaveLength(1);
    const del = await api(`/api/v1/tokens/${list.data.tokens[0].id}`, { method: 'DELETE', token: user.token });
    expect(del.status).toBe(204);
    const me = await api('/api/v1/me', { token: user.token });
    expect(me.status).toBe(401);
    expect(me.data.error.message).toBe('Invalid or revoked API token');
  });

  it("cannot revoke another user's token", async () => {
    const alice = await createUser('alice');
    const bob = await createUser('bob');
    const aliceTokens = await api('/api/v1/tokens', { token: alice.token });
    const res = await api(`/api/v1/tokens/${aliceTokens.data.tokens[0].id}`, { method: 'DELETE', token: bob.token });
    expect(res.status).toBe(404);
    expect((await api('/api/v1/me', { token: alice.token })).status).toBe(200);
  });

  it('locks out a disabled user, also with a token issued before', async () => {
    const admin = await createUser('admin');
    await promoteToAdmin(admin.id);
    const user = await createUser('disabled');
    const res = await api(`/api/v1/admin/users/${user.id}`, { method: 'PATCH', token: admin.token, json: { disabled: true } });
    expect(res.status).toBe(200);
    expect((await api('/api/v1/me', { token: user.token })).status).toBe(401);
    const again = await api('/api/v1/tokens', { method: 'POST', json: { email: user.email, password: PASSWORD, name: 'x' } });
    expect(again.status).toBe(401);
    expect(again.data.error.message).toBe('This account has been disabled');
  });

  it('records when a token was last used, at most once a minute', async () => {
    const user = await createUser('lastused');
    const before = Date.now();
    await api('/api/v1/me', { token: user.token });
    const [first] = (await api('/api/v1/tokens', { token: user.token })).data.tokens;
    expect(Date.parse(first.lastUsedAt)).toBeGreaterThanOrEqual(before - 1000);
    const recent = new Date(Date.now() - 30_000);
    await db.apiToken.update({ where: { id: first.id }, data: { lastUsedAt: recent } });
    await api('/api/v1/me', { token: user.token });
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: first.id } })).lastUsedAt).toEqual(recent);
    await db.apiToken.update({ where: { id: first.id }, data: { lastUsedAt: new Date(Date.now() - 120_000) } });
    await api('/api/v1/me', { token: user.token });
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: first.id } })).lastUsedAt!.getTime()).toBeGreaterThanOrEqual(before);
  });

  it('401s a malformed token, never a 5xx', async () => {
    for (const token of ['lat_', 'lat_' + 'x'.repeat(5000), 'not-a-token', "lat_'; DROP TABLE \"User\"; --"]) {
      const res = await api('/api/v1/me', { token });
      expect(res.status, token.slice(0, 20)).toBe(401);
    }
  });
});
