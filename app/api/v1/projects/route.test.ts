import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { api, createUser } from '@/lib/testing/http';

describe('projects are private to their workspace', () => {
  it('lets the owner create, rename and archive a project', async () => {
    const alice = await createUser('owner');
    const created = await api('/api/v1/projects', { method: 'POST', token: alice.token, json: { name: 'Portraits' } });
    expect(created.status).toBe(201);
    const id = created.data.project.id;
    const renamed = await api(`/api/v1/projects/${id}`, { method: 'PATCH', token: alice.token, json: { name: 'Portraits v2' } });
    expect(renamed.data.project.name).toBe('Portraits v2');
    const archived = await api(`/api/v1/projects/${id}`, { method: 'PATCH', token: alice.token, json: { archived: true } });
    expect(archived.data.project.archivedAt).not.toBeNull();
    const active = await api('/api/v1/projects', { token: alice.token });
    expect(active.data.projects.map((p: { id: string }) => p.id)).not.toContain(id);
    const all = await api('/api/v1/projects?archived=true', { token: alice.token });
    expect(all.data.projects.map((p: { id: string }) => p.id)).toContain(id);
  });

  it("hides another user's private project: 404 on read and write, nothing changes", async () => {
    const alice = await createUser('alice');
    const mallory = await createUser('mallory');
    const created = await api('/api/v1/projects', { method: 'POST', token: alice.token, json: { name: 'Secret' } });
    const id = created.data.project.id;

    expect((await api(`/api/v1/projects/${id}`, { token: mallory.token })).status).toBe(404);
    const patch = await api(`/api/v1/projects/${id}`, { method: 'PATCH', token: mallory.token, json: { name: 'Pwned', archived: true } });
    expect(patch.status).toBe(404);
    expect(patch.data.error.code).toBe('not_found');
    const row = await db.project.findUnique({ where: { id } });
    expect(row).toMatchObject({ name: 'Secret', archivedAt: null });

    const listed = await api('/api/v1/projects', { token: mallory.token });
    expect(listed.data.projects.map((p: { id: string }) => p.id)).not.toContain(id);
  });

  it("shares team projects with members only; outsiders get 404 for the team's workspace", async () => {
    const owner = await createUser('teamowner');
    const member = await createUser('member');
    const outsider = await createUser('outsider');
    const team = await api('/api/v1/teams', { method: 'POST', token: owner.token, json: { name: 'Studio Team' } });
    const teamId = team.data.team.id;
    const add = await api(`/api/v1/teams/${teamId}/members`, { method: 'POST', token: owner.token, json: { email: member.email } });
    expect(add.status).toBe(201);

    const project = await api('/api/v1/projects', { method: 'POST', token: owner.token, json: { name: 'Shared', workspace: teamId } });
    expect(project.status).toBe(201);
    const seen = await api(`/api/v1/projects?workspace=${teamId}`, { token: member.token });
    expect(seen.data.projects.map((p: { id: string }) => p.id)).toContain(project.data.project.id);

    expect((await api(`/api/v1/projects?workspace=${teamId}`, { token: outsider.token })).status).toBe(404);
    expect((await api(`/api/v1/projects/${project.data.project.id}`, { token: outsider.token })).status).toBe(404);
    const sneak = await api('/api/v1/projects', { method: 'POST', token: outsider.token, json: { name: 'Sneak', workspace: teamId } });
    expect(sneak.status).toBe(404);
    expect(await db.project.count({ where: { name: 'Sneak' } })).toBe(0);
  });

  it('only team owners add members, and unknown or duplicate emails are clear errors', async () => {
    const owner = await createUser('o');
    const member = await createUser('m');
    const team = await api('/api/v1/teams', { method: 'POST', token: owner.token, json: { name: 'T2' } });
    const teamId = team.data.team.id;
    await api(`/api/v1/teams/${teamId}/members`, { method: 'POST', token: owner.token, json: { email: member.email } });
    const byMember = await api(`/api/v1/teams/${teamId}/members`, { method: 'POST', token: member.token, json: { email: 'x@example.test' } });
    expect(byMember.status).toBe(403);
    const unknown = await api(`/api/v1/teams/${teamId}/members`, { method: 'POST', token: owner.token, json: { email: 'nobody-here@example.test' } });
    expect(unknown.status).toBe(400);
    expect(unknown.data.error.message).toMatch(/No account uses/);
    const dup = await api(`/api/v1/teams/${teamId}/members`, { method: 'POST', token: owner.token, json: { email: member.email } });
    expect(dup.status).toBe(409);
  });

  it('rejects an empty project name with 400', async () => {
    const alice = await createUser('empty');
    const res = await api('/api/v1/projects', { method: 'POST', token: alice.token, json: { name: '   ' } });
    expect(res.status).toBe(400);
    expect(res.data.error.message).toMatch(/Project name is required/);
  });
});
