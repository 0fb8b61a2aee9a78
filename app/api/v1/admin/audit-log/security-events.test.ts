// The audit log records security events — sign-ins, failed sign-ins with their counts and the
// throttle, token creation and revocation, visibility changes, model imports — names each
// target, and lets administrators filter by action, actor, target type and time.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, createUser, PASSWORD, promoteToAdmin, uniqueEmail, type TestUser } from '@/lib/testing/http';
import { importFixtureModel } from '@/lib/testing/models';

type Entry = { action: string; targetType: string; targetId: string; targetName: string | null; details: Record<string, unknown>; actor: { email: string } | null };

let admin: TestUser;
let user: TestUser;

const from = () => `192.0.2.${randomBytes(2).readUInt16BE() % 250}-${randomBytes(2).toString('hex')}`;
const tokenRequest = (email: string, password: string) =>
  api('/api/v1/tokens', { method: 'POST', json: { email, password, name: 'audit token' }, headers: { 'x-forwarded-for': from() } });

async function log(query: string): Promise<Entry[]> {
  const res = await api(`/api/v1/admin/audit-log?perPage=200&${query}`, { token: admin.token });
  expect(res.status, JSON.stringify(res.data)).toBe(200);
  return res.data.entries;
}

beforeAll(async () => {
  admin = await createUser('auditadmin');
  await promoteToAdmin(admin.id);
  user = await createUser('audited');
});

describe('security events in the audit log', () => {
  it('records sign-ins, failures with counts, the throttle, and tokens by name', async () => {
    for (let i = 0; i < 5; i++) expect((await tokenRequest(user.email, 'wrong-password-1')).status).toBe(401);
    expect((await tokenRequest(user.email, PASSWORD)).status).toBe(429);
    const entries = await log(`actor=${encodeURIComponent(user.email)}&action=auth`);
    const actions = entries.map((e) => e.action);
    expect(actions.filter((a) => a === 'auth.signin.failed')).toHaveLength(4);
    expect(actions.filter((a) => a === 'auth.signin.throttled')).toHaveLength(1);
    expect(actions).toContain('auth.signin'); // createUser's token request
    const throttled = entries.find((e) => e.action === 'auth.signin.throttled')!;
    expect(throttled).toMatchObject({ targetType: 'User', targetName: user.email, details: { accountFailures: 5, via: 'token' } });

    const tokens = await log(`actor=${encodeURIComponent(user.email)}&action=token`);
    expect(tokens.map((e) => [e.action, e.targetName])).toEqual([['token.create', 'test']]);
  });

  it('records a failed sign-in for an email without an account, without an actor', async () => {
    const ghost = uniqueEmail('ghost');
    expect((await tokenRequest(ghost, 'wrong-password-1')).status).toBe(401);
    const entries = (await log('action=auth.signin.failed&targetType=User')).filter((e) => e.targetName === ghost);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: null, details: { knownAccount: false, accountFailures: 1 } });
  });

  it('records token revocation, visibility changes and model imports, each target by name', async () => {
    const other = await createUser('audited2');
    const tokens = await api('/api/v1/tokens', { token: other.token });
    expect((await api(`/api/v1/tokens/${tokens.data.tokens[0].id}`, { method: 'DELETE', token: other.token })).status).toBe(204);

    const owner = await createUser('auditowner');
    const created = await api('/api/v1/collections', { method: 'POST', token: owner.token, json: { name: 'Audited collection' } });
    expect(created.status, JSON.stringify(created.data)).toBe(201);
    const id = created.data.collection.id;
    expect((await api(`/api/v1/collections/${id}`, { method: 'PATCH', token: owner.token, json: { visibility: 'PUBLIC' } })).status).toBe(200);
    expect((await api(`/api/v1/collections/${id}`, { method: 'PATCH', token: owner.token, json: { visibility: 'PUBLIC' } })).status).toBe(200); // no change, no entry
    const model = await importFixtureModel(owner.token, { name: 'Audited model' });

    const revoked = await log(`actor=${encodeURIComponent(other.email)}&action=token.revoke`);
    expect(revoked.map((e) => e.targetName)).toEqual(['test']);
    const mine = await log(`actor=${encodeURIComponent(owner.email)}`);
    const visibility = mine.filter((e) => e.action === 'visibility.change');
    expect(visibility.map((e) => [e.targetType, e.targetName, e.details])).toEqual([['Collection', 'Audited collection', { from: 'PRIVATE', to: 'PUBLIC' }]]);
    const imported = mine.find((e) => e.action === 'model.import')!;
    expect(imported).toMatchObject({ targetType: 'Model', targetId: model.id, targetName: 'Audited model' });
    // Filters combine: only Model targets of that owner.
    expect((await log(`actor=${encodeURIComponent(owner.email)}&targetType=Model`)).every((e) => e.targetType === 'Model')).toBe(true);
    expect(await log(`actor=${encodeURIComponent(owner.email)}&since=2099-01-01`)).toEqual([]);
  });

  it('names the targets of admin actions too, and stays admin-only', async () => {
    const res = await api(`/api/v1/admin/users/${user.id}`, { method: 'PATCH', token: admin.token, json: { disabled: true } });
    expect(res.status).toBe(200);
    const entries = await log(`actor=${encodeURIComponent(admin.email)}&action=user.update`);
    expect(entries[0]).toMatchObject({ targetType: 'User', targetId: user.id, targetName: user.email });
    expect((await api('/api/v1/admin/audit-log', { token: (await createUser('nosy')).token })).status).toBe(403);
  });
});
