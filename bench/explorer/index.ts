// End-to-end latency of single-image explorer previews: HTTP POST /generate → queue →
// synthesis worker → PNG stored → job seen COMPLETED by the client → PNG downloaded.
// Clients wait on the job exactly as the explorer page does (GET /jobs/:id?wait=20). Not a test: prints a table.
//
//   npx tsx bench/explorer/index.ts --url http://127.0.0.1:3000 [--requests 40] [--concurrency 1,20]
//
// It signs up a throw-away user and imports models/default/ (or the 32 px fixture) through the API.
import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);
const base = args.get('url') ?? process.env.ATELIER_BASE_URL ?? 'http://127.0.0.1:3000';
const perLevel = Number(args.get('requests') ?? 40);
const levels = (args.get('concurrency') ?? '1,20').split(',').map(Number);

async function call(p: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  const res = await fetch(base + p, { ...init, headers });
  return res;
}

async function jsonCall(p: string, body: unknown, token?: string) {
  const res = await call(p, { method: 'POST', token, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const data = await res.json();
  if (!res.ok) throw new Error(`${p}: ${res.status} ${JSON.stringify(data)}`);
  return data;
}

async function waitJob(token: string, id: string) {
  for (;;) {
    // a long poll, as app/(studio)/explore/generate-client.ts does
    const { job } = await (await call(`/api/v1/jobs/${id}?wait=20`, { token })).json();
    if (job.state === 'COMPLETED') return job;
    if (job.state === 'FAILED') throw new Error(job.error);
  }
}

async function setup() {
  const email = `bench-${Date.now()}@example.test`;
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
  form.set('name', `bench ${path.basename(dir)}`);
  form.set('license', 'CC-BY-4.0');
  const res = await call('/api/v1/models/import', { method: 'POST', token: token.token, body: form });
  const data = await res.json();
  if (res.status !== 201) throw new Error(`import: ${res.status} ${JSON.stringify(data)}`);
  await waitJob(token.token, data.job.id);
  return { token: token.token as string, modelId: data.model.id as string, model: `${path.basename(dir)} (${data.model.architecture.resolution} px)` };
}

async function preview(token: string, modelId: string, seed: number) {
  const t0 = performance.now();
  const { job } = await jsonCall('/api/v1/generate', { modelId, seeds: [seed], psi: 0.7 }, token);
  const done = await waitJob(token, job.id);
  const png = await call(done.result.images[0].url, { token });
  await png.arrayBuffer();
  if (!png.ok) throw new Error(`asset ${png.status}`);
  return { ms: performance.now() - t0, batch: done.result.batchImages as number };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function main() {
  const { token, modelId, model } = await setup();
  console.log(`model: ${model}, ${perLevel} previews per level, against ${base}`);
  for (let i = 0; i < 5; i++) await preview(token, modelId, 10_000 + i); // warm-up (generator cache, JIT)
  const rows: string[][] = [];
  let seed = 0;
  for (const clients of levels) {
    const latencies: number[] = [];
    const batches: number[] = [];
    const started = performance.now();
    let remaining = perLevel;
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (remaining-- > 0) {
          const r = await preview(token, modelId, seed++);
          latencies.push(r.ms);
          batches.push(r.batch);
        }
      }),
    );
    const wall = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    rows.push([
      String(clients),
      String(latencies.length),
      pct(latencies, 50).toFixed(0),
      pct(latencies, 95).toFixed(0),
      (latencies.length / wall).toFixed(1),
      (batches.reduce((a, b) => a + b, 0) / batches.length).toFixed(1),
    ]);
  }
  const head = ['clients', 'previews', 'p50 ms', 'p95 ms', 'previews/s', 'mean images per forward pass'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i])).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
