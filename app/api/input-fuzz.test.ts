// Every route handler under app/api, every method it exports, fed text Postgres cannot store
// (NUL, lone surrogates), huge and non-finite numbers and wrong types, in path params, query
// strings and JSON bodies, as a signed-in user, an administrator and signed out: no answer may be
// a 5xx, and every 4xx from our API is a JSON error. Bounded: one pass, a few hundred requests
// on loopback with a time limit per request.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, baseUrl, createUser, promoteToAdmin, type TestUser } from '@/lib/testing/http';

type Route = { file: string; template: string; methods: string[] };

function findRoutes(dir: string, out: Route[] = []): Route[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) findRoutes(full, out);
    else if (name === 'route.ts') {
      const source = readFileSync(full, 'utf8');
      const methods = [...source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b|export const \{ ?(GET)(?:, ?(POST))? ?\}/g)]
        .flatMap((m) => m.slice(1).filter(Boolean));
      const template = '/' + path.relative(process.cwd(), path.dirname(full)).split(path.sep).slice(1).join('/');
      out.push({ file: full, template, methods: [...new Set(methods)] });
    }
  }
  return out;
}

// Path params: NUL, a lone surrogate (as UTF-8 of U+D800, which is invalid), a huge number, plain junk.
const PARAM_VALUES = ['%00', 'a%00b', '%ED%A0%80', '%F0%9F', '99999999999999999999999999', '-1', 'x'];
const QUERY = '?workspace=%00&page=1e309&limit=99999999999999999999&cursor=%ED%A0%80&q=%00&modelId=%00&teamId=%00&filename=%00.zip&kind=%00&resolution=-1e400&kimg=NaN';

const FIELDS = ['name', 'description', 'email', 'password', 'title', 'workspace', 'teamId', 'projectId', 'modelId', 'latentId', 'collectionId', 'datasetId', 'mixId', 'videoId', 'userId', 'licence', 'license', 'spdxId', 'attribution', 'visibility', 'role', 'reason', 'status', 'tags', 'seed', 'seeds', 'psi', 'truncation', 'kimg', 'resolution', 'frames', 'fps', 'quotaSeconds', 'gpuQuotaSeconds', 'disabled', 'items', 'latents', 'sourceA', 'sourceB', 'assetId', 'targetType', 'targetId', 'note', 'hash', 'provenanceId'];

const NUL = 'a\u0000b';
const LONE = '\ud800x';
function bodyOf(value: unknown) {
  return Object.fromEntries(FIELDS.map((f) => [f, value]));
}
// Raw JSON texts: JSON.parse turns "\ud800" into a lone surrogate and 1e400 into Infinity.
const BODIES: string[] = [
  JSON.stringify(bodyOf(NUL)),
  JSON.stringify(bodyOf([NUL, { [NUL]: NUL }])),
  JSON.stringify({ ...bodyOf('ok name'), [`k${NUL}`]: 1 }),
  '{"name":"\\ud800","email":"\\udc00@x.test","description":"\\ud800\\ud800"}',
  JSON.stringify(bodyOf(99999999999999999999)),
  `{${FIELDS.map((f) => `"${f}": 1e400`).join(',')}}`,
  `{${FIELDS.map((f) => `"${f}": -1e400`).join(',')}}`,
  JSON.stringify(bodyOf(-2147483649)),
  JSON.stringify(bodyOf({ nested: { deeper: [1, 'x', null] } })),
  JSON.stringify(bodyOf(true)),
  JSON.stringify(bodyOf(null)),
  '[1,2,3]',
  '"just a string"',
  'null',
  '{"unterminated": ',
  '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]',
];

let user: TestUser;
let admin: TestUser;
const known: Record<string, string> = {};

beforeAll(async () => {
  user = await createUser('fuzz');
  admin = await createUser('fuzzadmin');
  await promoteToAdmin(admin.id);
  const team = await api('/api/v1/teams', { method: 'POST', token: user.token, json: { name: 'Fuzz team' } });
  known.teamId = team.data.team.id;
  const project = await api('/api/v1/projects', { method: 'POST', token: user.token, json: { name: 'Fuzz project' } });
  known.projectId = project.data.project.id;
  known.userId = user.id;
});

type Probe = { method: string; url: string; token?: string; body?: string };

function fill(template: string, value: (param: string) => string) {
  return template.replace(/\[\.{0,3}([^\]]+)\]/g, (_, p: string) => value(p));
}

function probesFor(route: Route): Probe[] {
  const probes: Probe[] = [];
  const tokens = route.template.startsWith('/api/v1/admin') ? [admin.token, undefined] : [user.token, undefined];
  const hasParams = route.template.includes('[');
  for (const method of route.methods) {
    for (const token of tokens) {
      // Bad params (each value in every param), with the query junk.
      for (const v of hasParams ? PARAM_VALUES : ['']) {
        probes.push({ method, token, url: fill(route.template, () => v) + QUERY, body: method === 'GET' ? undefined : BODIES[0] });
      }
      if (method === 'GET' || method === 'DELETE' || !token) continue;
      // Bad bodies against real resources where we have them.
      const url = fill(route.template, (p) => known[p] ?? 'x');
      for (const body of BODIES) probes.push({ method, token, url, body });
    }
  }
  return probes;
}

async function send(p: Probe) {
  const headers: Record<string, string> = { 'x-forwarded-for': '198.51.100.77' };
  if (p.token) headers.authorization = `Bearer ${p.token}`;
  if (p.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(baseUrl() + p.url, { method: p.method, headers, body: p.body, redirect: 'manual', signal: AbortSignal.timeout(15_000) });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text };
}

describe('no input gives a 5xx', () => {
  it('fuzzes every API route with NUL, lone surrogates, huge numbers and wrong types', async () => {
    const routes = findRoutes(path.join(process.cwd(), 'app/api')).filter((r) => !r.template.startsWith('/api/auth'));
    expect(routes.length).toBeGreaterThan(60);
    expect(routes.every((r) => r.methods.length > 0)).toBe(true);
    const probes = routes.flatMap(probesFor);
    const failures: string[] = [];
    let n = 0;
    const started = Date.now();
    // Four at a time: fast, and gentle with a two-core machine.
    for (let i = 0; i < probes.length; i += 4) {
      await Promise.all(
        probes.slice(i, i + 4).map(async (p) => {
          const r = await send(p).catch((err: Error) => ({ status: 599, contentType: '', text: err.message }));
          n++;
          if (r.status >= 500) failures.push(`${p.method} ${p.url} ${p.body?.slice(0, 60) ?? ''} → ${r.status} ${r.text.slice(0, 200)}`);
          else if (r.status >= 400 && !r.contentType.includes('application/json')) failures.push(`${p.method} ${p.url} → ${r.status} not JSON`);
        }),
      );
    }
    const fivexx = failures.filter((f) => / → 5\d\d /.test(f)).length;
    console.log(`${n} requests, ${fivexx} 5xx (${routes.length} routes, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    expect(failures, failures.slice(0, 20).join('\n')).toEqual([]);
  }, 240_000);

  it('answers NUL in page paths and queries with 400, not 500', async () => {
    for (const url of ['/teams/%00', '/models/%00', '/latents/a%00b', '/collections/%ED%A0%80', '/videos?workspace=%00', '/gallery?q=%00']) {
      const res = await fetch(baseUrl() + url, { redirect: 'manual' });
      expect(res.status, url).toBe(400);
    }
  });

  it('answers an upload to a path that is not valid UTF-8 with 400, not 500', async () => {
    for (const url of ['/api/v1/datasets/%ED%A0%80/uploads', '/api/v1/datasets/%F0%9F/uploads', '/api/v1/datasets/%00/uploads']) {
      const form = new FormData();
      form.set('file', new Blob([new Uint8Array(10)]), 'x.png');
      const res = await fetch(baseUrl() + url, { method: 'POST', headers: { authorization: `Bearer ${user.token}` }, body: form });
      expect(res.status, url).toBe(400);
      const zip = await fetch(baseUrl() + url, { method: 'POST', headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/zip' }, body: new Uint8Array(10) });
      expect(zip.status, url).toBe(400);
    }
  });

  it('refuses NUL in server action arguments (form fields or JSON) before any action runs', async () => {
    const form = new FormData();
    form.set('name', 'a\u0000b');
    const multipart = await fetch(baseUrl() + '/studio', { method: 'POST', headers: { 'next-action': 'a'.repeat(42) }, body: form, redirect: 'manual' });
    expect(multipart.status).toBe(400);
    const json = await fetch(baseUrl() + '/signin', { method: 'POST', headers: { 'next-action': 'a'.repeat(42), 'content-type': 'text/plain;charset=UTF-8' }, body: '[{"email":"x\\u0000"}]', redirect: 'manual' });
    expect(json.status).toBe(400);
  });

  it('names the offending field in a JSON error', async () => {
    const res = await api('/api/v1/projects', { method: 'POST', token: user.token, json: { name: 'a\u0000b' } });
    expect(res.status).toBe(400);
    expect(res.data.error.message).toMatch(/^name: contains a NUL character/);
    const q = await api('/api/v1/videos?workspace=%00', { token: user.token });
    expect(q.status).toBe(400);
    expect(q.data.error.code).toBe('validation_error');
  });
});
