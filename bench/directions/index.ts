// Live direction preview latency, as the explorer's Directions panel sees it: slider change →
// POST /api/v1/models/:id/directions/preview (base w+ + edits) → PNG bytes received. p50/p95 at
// 1 and 5 concurrent clients, each dragging a slider (a new amount per request). Not a test: prints a table.
//
//   npx tsx bench/directions/index.ts --url http://127.0.0.1:3000 [--requests 60] [--concurrency 1,5]
//
// It signs up a throw-away user, imports models/default/ (the bundled model) through the API and
// waits for its discovery job, so it measures the path a fresh install has.
import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);
const base = args.get('url') ?? process.env.ATELIER_BASE_URL ?? 'http://127.0.0.1:3000';
const perLevel = Number(args.get('requests') ?? 60);
const levels = (args.get('concurrency') ?? '1,5').split(',').map(Number);

async function call(p: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  return fetch(base + p, { ...init, headers });
}

async function jsonCall(p: string, body: unknown, token?: string) {
  const res = await call(p, { method: 'POST', token, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const data = await res.json();
  if (!res.ok) throw new Error(`${p}: ${res.status} ${JSON.stringify(data)}`);
  return data;
}

async function waitJob(token: string, id: string) {
  for (;;) {
    const { job } = await (await call(`/api/v1/jobs/${id}?wait=20`, { token })).json();
    if (job.state === 'COMPLETED') return job;
    if (job.state === 'FAILED' || job.state === 'CANCELLED') throw new Error(job.error);
  }
}

async function setup() {
  const email = `bench-dir-${Date.now()}@example.test`;
  const password = 'correct-horse-42';
  await jsonCall('/api/v1/signup', { email, password, name: 'bench' });
  const { token } = await jsonCall('/api/v1/tokens', { email, password, name: 'bench' });
  const dirs = [path.resolve('models/default'), path.resolve('../shared/fixtures/stylegan2-ada-32')];
  const dir = dirs.find((d) => fs.existsSync(path.join(d, 'config.json')))!;
  const files: Record<string, Uint8Array> = {};
  for (const f of ['config.json', 'G_ema.safetensors', 'G.safetensors']) {
    if (fs.existsSync(path.join(dir, f))) files[f] = new Uint8Array(fs.readFileSync(path.join(dir, f)));
  }
  const form = new FormData();
  form.set('file', new Blob([zipSync(files, { level: 0 }) as BlobPart]), 'model.zip');
  form.set('name', `bench directions ${path.basename(dir)}`);
  form.set('license', 'CC-BY-4.0');
  const res = await call('/api/v1/models/import', { method: 'POST', token: token.token, body: form });
  const data = await res.json();
  if (res.status !== 201) throw new Error(`import: ${res.status} ${JSON.stringify(data)}`);
  const t = token.token as string;
  const modelId = data.model.id as string;
  await waitJob(t, data.job.id);
  const list = await (await call(`/api/v1/models/${modelId}/directions`, { token: t })).json();
  if (list.discovery) await waitJob(t, list.discovery.id);
  const dirsNow = (await (await call(`/api/v1/models/${modelId}/directions`, { token: t })).json()).directions as { id: string }[];
  const gen = await jsonCall('/api/v1/generate', { modelId, seeds: [7], psi: 0.7, returnLatents: true }, t);
  const wplus = (await waitJob(t, gen.job.id)).result.images[0].wplus as number[][];
  return { token: t, modelId, wplus, directions: dirsNow.slice(0, 3).map((d) => d.id), model: `${path.basename(dir)} (${data.model.architecture.resolution} px)` };
}

type Setup = Awaited<ReturnType<typeof setup>>;

let backend = '?';
let renderMs: number[] = [];

async function slide(s: Setup, amount: number) {
  const t0 = performance.now();
  const res = await call(`/api/v1/models/${s.modelId}/directions/preview`, {
    method: 'POST',
    token: s.token,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ wplus: s.wplus, edits: [{ directionId: s.directions[0], amount }, { directionId: s.directions[1], amount: -amount / 2 }] }),
  });
  const bytes = await res.arrayBuffer();
  if (!res.ok || bytes.byteLength < 50) throw new Error(`preview ${res.status}`);
  backend = res.headers.get('x-tfjs-backend') ?? '?';
  renderMs.push(Number(/dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1] ?? NaN));
  return performance.now() - t0;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function main() {
  const s = await setup();
  console.log(`model: ${s.model}, ${perLevel} slider changes per level, against ${base}`);
  for (let i = 0; i < 5; i++) await slide(s, i * 0.1); // warm-up: loads the generator into the web process
  const rows: string[][] = [];
  for (const clients of levels) {
    const times: number[] = [];
    renderMs = [];
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < perLevel) {
          const i = next++;
          times.push(await slide(s, -3 + (6 * (i % 61)) / 60));
        }
      }),
    );
    const wall = (performance.now() - t0) / 1000;
    times.sort((a, b) => a - b);
    const render = renderMs.slice().sort((a, b) => a - b);
    rows.push([String(clients), String(times.length), pct(times, 50).toFixed(0), pct(times, 95).toFixed(0), pct(render, 50).toFixed(0), (times.length / wall).toFixed(1)]);
  }
  console.log(`web process backend: ${backend}`);
  const head = ['clients', 'changes', 'p50 ms', 'p95 ms', 'render p50 ms (server)', 'images/s'];
  console.log(`| ${head.join(' | ')} |`);
  console.log(`|${head.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
