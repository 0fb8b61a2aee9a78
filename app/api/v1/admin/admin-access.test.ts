// Every admin page and admin API route refuses non-admins. The routes are enumerated from
// the file system, so a new admin route is covered without touching this test.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, createUser, promoteToAdmin, sessionCookie, type TestUser } from '@/lib/testing/http';

const ROOT = path.resolve(__dirname, '../../../..');

function walk(dir: string, file: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return walk(full, file);
    return name === file ? [full] : [];
  });
}

/** '/app/api/v1/admin/users/[userId]/route.ts' -> '/api/v1/admin/users/x' (route groups dropped). */
function urlOf(file: string, appDir: string) {
  const rel = path.relative(appDir, path.dirname(file)).split(path.sep);
  return '/' + rel.filter((s) => !/^\(.*\)$/.test(s)).map((s) => (/^\[.*\]$/.test(s) ? 'some-id' : s)).join('/');
}

const appDir = path.join(ROOT, 'app');
const apiRoutes = walk(path.join(appDir, 'api/v1/admin'), 'route.ts').flatMap((file) => {
  const source = readFileSync(file, 'utf8');
  const methods = [...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]);
  return methods.map((method) => ({ method, url: urlOf(file, appDir) }));
});
const adminPages = walk(path.join(appDir, '(admin)'), 'page.tsx').map((file) => urlOf(file, appDir));

describe('admin area is closed to non-admins', () => {
  let user: TestUser;
  let cookie: string;
  let admin: TestUser;
  beforeAll(async () => {
    user = await createUser('plain');
    cookie = await sessionCookie(user.email);
    admin = await createUser('boss');
    await promoteToAdmin(admin.id);
  });

  it('finds the admin routes to check', () => {
    expect(apiRoutes.length).toBeGreaterThanOrEqual(2);
    expect(adminPages).toContain('/admin');
  });

  it.each(apiRoutes)('$method $url is 403 for a non-admin token and 401 without credentials', async ({ method, url }) => {
    const asUser = await api(url, { method, token: user.token, json: method === 'GET' ? undefined : {} });
    expect(asUser.status).toBe(403);
    expect(asUser.data.error.code).toBe('forbidden');
    const anonymous = await api(url, { method, json: method === 'GET' ? undefined : {} });
    expect(anonymous.status).toBe(401);
  });

  it.each(adminPages)('page %s is 403 for a signed-in non-admin', async (url) => {
    const res = await api(url, { cookie });
    expect(res.status).toBe(403);
  });

  it('lets an admin list users through the API', async () => {
    const res = await api('/api/v1/admin/users?q=plain', { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.data.users.map((u: { id: string }) => u.id)).toContain(user.id);
  });
});
