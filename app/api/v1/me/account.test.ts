import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { api, createUser, PASSWORD, sessionCookie, uniqueEmail } from '@/lib/testing/http';
import { waitFor } from '@/lib/testing/wait-for';

const NEW_PASSWORD = 'battery-staple-77';

/** The reset link the server printed for `email` (local mode: no SMTP_URL, mail goes to the log). */
async function resetLinkFor(email: string): Promise<string> {
  const log = process.env.ATELIER_WEB_LOG;
  if (!log) throw new Error('ATELIER_WEB_LOG is not set: run through npm test');
  return waitFor(`reset mail for ${email}`, async () => {
    const text = readFileSync(log, 'utf8');
    const blocks = text.split('[mail] (local mode').filter((b) => b.includes(`to=${email} `));
    const m = blocks.at(-1)?.match(/https?:\/\/\S+\/reset-password\?token=(\S+)/);
    return m ? m[0] : undefined;
  }, 10_000);
}

const tokenOf = (link: string) => decodeURIComponent(new URL(link).searchParams.get('token')!);

describe('account settings (PATCH /api/v1/me)', () => {
  it('changes the display name', async () => {
    const u = await createUser('name');
    const res = await api('/api/v1/me', { method: 'PATCH', token: u.token, json: { name: '  Ada L.  ' } });
    expect(res.status).toBe(200);
    expect(res.data.user.name).toBe('Ada L.');
    expect((await db.user.findUniqueOrThrow({ where: { id: u.id } })).name).toBe('Ada L.');
  });

  it('changes the email only with the current password, to a free and valid address', async () => {
    const u = await createUser('email');
    const other = await createUser('other');
    const fresh = uniqueEmail('fresh');

    const noPassword = await api('/api/v1/me', { method: 'PATCH', token: u.token, json: { email: fresh } });
    expect(noPassword.status).toBe(400);
    expect(noPassword.data.error.details[0]).toMatchObject({ path: 'currentPassword' });

    const wrong = await api('/api/v1/me', { method: 'PATCH', token: u.token, json: { email: fresh, currentPassword: 'not-it-123' } });
    expect(wrong.status).toBe(400);
    expect(wrong.data.error.message).toBe('Current password is not right');

    const invalid = await api('/api/v1/me', { method: 'PATCH', token: u.token, json: { email: 'nope', currentPassword: PASSWORD } });
    expect(invalid.status).toBe(400);
    expect(invalid.data.error.message).toBe('Enter a valid email address');

    const taken = await api('/api/v1/me', { method: 'PATCH', token: u.token, json: { email: other.email.toUpperCase(), currentPassword: PASSWORD } });
    expect(taken.status).toBe(409);
    expect((await db.user.findUniqueOrThrow({ where: { id: u.id } })).email).toBe(u.email);

    const ok = await api('/api/v1/me', { method: 'PATCH', token: u.token, json: { email: fresh, currentPassword: PASSWORD } });
    expect(ok.status).toBe(200);
    expect((await db.user.findUniqueOrThrow({ where: { id: u.id } })).email).toBe(fresh);
    await sessionCookie(fresh); // signs in under the new address
  });
});

describe('password change (POST /api/v1/me/password)', () => {
  it('needs the current password, then ends every older session', async () => {
    const u = await createUser('pw');
    const cookie = await sessionCookie(u.email);
    expect((await api('/api/v1/me', { cookie })).status).toBe(200);

    const wrong = await api('/api/v1/me/password', { method: 'POST', cookie, json: { currentPassword: 'wrong-pass-1', newPassword: NEW_PASSWORD } });
    expect(wrong.status).toBe(400);
    expect(wrong.data.error.details).toEqual([{ path: 'currentPassword', message: 'Current password is not right' }]);
    const weak = await api('/api/v1/me/password', { method: 'POST', cookie, json: { currentPassword: PASSWORD, newPassword: 'short' } });
    expect(weak.status).toBe(400);
    expect((await api('/api/v1/me', { cookie })).status).toBe(200); // nothing changed yet

    const ok = await api('/api/v1/me/password', { method: 'POST', cookie, json: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD } });
    expect(ok.status).toBe(200);
    expect((await api('/api/v1/me', { cookie })).status).toBe(401);
    await expect(sessionCookie(u.email, PASSWORD)).rejects.toThrow(/sign-in failed/);
    const fresh = await sessionCookie(u.email, NEW_PASSWORD);
    expect((await api('/api/v1/me', { cookie: fresh })).status).toBe(200);
  });

  it('throttles guessing the current password like sign-in (429)', async () => {
    const u = await createUser('guess');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await api('/api/v1/me/password', { method: 'POST', token: u.token, json: { currentPassword: `guess-${i}-xyz`, newPassword: NEW_PASSWORD } });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses[5]).toBe(429);
    // Even the right password is refused while throttled.
    const right = await api('/api/v1/me/password', { method: 'POST', token: u.token, json: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD } });
    expect(right.status).toBe(429);
  });
});

describe('password reset (POST /api/v1/password-reset, /confirm)', () => {
  it('mails a single-use link (logged in local mode), stores only a hash, and ends older sessions', async () => {
    const u = await createUser('reset');
    const cookie = await sessionCookie(u.email);
    const res = await api('/api/v1/password-reset', { method: 'POST', json: { email: u.email.toUpperCase() } });
    expect(res.status).toBe(202);
    const link = await resetLinkFor(u.email);
    const token = tokenOf(link);
    expect(new URL(link).pathname).toBe('/reset-password');
    const rows = await db.passwordReset.findMany({ where: { userId: u.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).not.toContain(token);
    expect(rows[0]!.expiresAt.getTime()).toBeGreaterThan(Date.now());

    const weak = await api('/api/v1/password-reset/confirm', { method: 'POST', json: { token, password: 'short' } });
    expect(weak.status).toBe(400);
    const ok = await api('/api/v1/password-reset/confirm', { method: 'POST', json: { token, password: NEW_PASSWORD } });
    expect(ok.status).toBe(200);
    expect((await api('/api/v1/me', { cookie })).status).toBe(401); // the older session ended
    expect((await api('/api/v1/me', { token: u.token })).status).toBe(401); // API tokens are revoked too
    await sessionCookie(u.email, NEW_PASSWORD);

    const again = await api('/api/v1/password-reset/confirm', { method: 'POST', json: { token, password: 'another-pass-99' } });
    expect(again.status).toBe(400);
    expect(again.data.error.message).toMatch(/invalid, expired or already used/);
    await sessionCookie(u.email, NEW_PASSWORD);
  });

  it('refuses an expired or made-up token and answers the same for unknown emails', async () => {
    const u = await createUser('expire');
    expect((await api('/api/v1/password-reset', { method: 'POST', json: { email: u.email } })).status).toBe(202);
    const token = tokenOf(await resetLinkFor(u.email));
    await db.passwordReset.updateMany({ where: { userId: u.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await api('/api/v1/password-reset/confirm', { method: 'POST', json: { token, password: NEW_PASSWORD } });
    expect(expired.status).toBe(400);
    const madeUp = await api('/api/v1/password-reset/confirm', { method: 'POST', json: { token: 'x'.repeat(43), password: NEW_PASSWORD } });
    expect(madeUp.status).toBe(400);
    await sessionCookie(u.email, PASSWORD); // the password did not change

    const before = await db.passwordReset.count();
    const unknown = await api('/api/v1/password-reset', { method: 'POST', json: { email: uniqueEmail('nobody') } });
    expect(unknown.status).toBe(202);
    expect(unknown.data.message).toBe('If an account uses this email, a reset link is on its way.');
    expect(await db.passwordReset.count()).toBe(before);
    const bad = await api('/api/v1/password-reset', { method: 'POST', json: { email: 'not an email' } });
    expect(bad.status).toBe(400);
  });

  it('throttles reset requests per email (429)', async () => {
    const email = uniqueEmail('flood');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await api('/api/v1/password-reset', { method: 'POST', json: { email } })).status);
    expect(statuses).toEqual([202, 202, 202, 429]);
  });
});

describe('account deletion (DELETE /api/v1/me)', () => {
  it('needs the typed email and password; deletes personal work, keeps shared models anonymised and team work with the team', async () => {
    const u = await createUser('leaver');
    const mate = await createUser('mate');
    const cookie = await sessionCookie(u.email);
    const team = await api('/api/v1/teams', { method: 'POST', token: u.token, json: { name: 'Leavers' } });
    expect(team.status).toBe(201);
    const teamId = team.data.team.id as string;
    expect((await api(`/api/v1/teams/${teamId}/members`, { method: 'POST', token: u.token, json: { email: mate.email } })).status).toBe(201);

    const config = { resolution: 32 };
    const publicModel = await db.model.create({ data: { name: 'shared', ownerId: u.id, visibility: 'PUBLIC', config } });
    const privateModel = await db.model.create({ data: { name: 'mine', ownerId: u.id, config } });
    const latent = (data: { ownerId: string; teamId?: string; visibility?: 'PUBLIC' | 'PRIVATE'; modelId: string }) =>
      db.latent.create({ data: { name: 'l', z: [], wplus: [], ...data } });
    const publicLatent = await latent({ ownerId: u.id, visibility: 'PUBLIC', modelId: publicModel.id });
    const ownPrivateLatent = await latent({ ownerId: u.id, modelId: privateModel.id });
    const teamLatent = await latent({ ownerId: u.id, teamId, modelId: publicModel.id });
    const othersLatent = await latent({ ownerId: mate.id, visibility: 'PUBLIC', modelId: publicModel.id });

    const wrongConfirm = await api('/api/v1/me', { method: 'DELETE', cookie, json: { confirm: 'yes', password: PASSWORD } });
    expect(wrongConfirm.status).toBe(400);
    expect(wrongConfirm.data.error.details[0]).toMatchObject({ path: 'confirm' });
    const wrongPassword = await api('/api/v1/me', { method: 'DELETE', cookie, json: { confirm: u.email, password: 'not-mine-123' } });
    expect(wrongPassword.status).toBe(400);
    expect(await db.user.count({ where: { id: u.id } })).toBe(1);

    const ok = await api('/api/v1/me', { method: 'DELETE', cookie, json: { confirm: ` ${u.email.toUpperCase()} `, password: PASSWORD } });
    expect(ok.status).toBe(200);
    expect(await db.user.count({ where: { id: u.id } })).toBe(0);
    expect((await api('/api/v1/me', { cookie })).status).toBe(401);
    expect(await db.latent.count({ where: { id: { in: [publicLatent.id, ownPrivateLatent.id] } } })).toBe(0);
    expect(await db.latent.findUnique({ where: { id: teamLatent.id }, select: { ownerId: true, teamId: true } })).toEqual({ ownerId: mate.id, teamId });
    expect(await db.latent.count({ where: { id: othersLatent.id } })).toBe(1);
    expect(await db.model.findUnique({ where: { id: publicModel.id }, select: { ownerId: true, visibility: true } })).toEqual({ ownerId: null, visibility: 'PUBLIC' });
    expect(await db.model.count({ where: { id: privateModel.id } })).toBe(0);
    // The remaining member now owns the team.
    expect((await db.membership.findFirstOrThrow({ where: { teamId, userId: mate.id } })).role).toBe('OWNER');
    await expect(sessionCookie(u.email)).rejects.toThrow(/sign-in failed/);
  });
});
