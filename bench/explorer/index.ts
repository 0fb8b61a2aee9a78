// End-to-end latency of single-image explorer previews: HTTP POST /generate → queue →
// synthesis worker → PNG stored → job seen COMPLETED by the client → PNG downloaded.
// Clients wait on the job exactly as the explorer page does (POST /generate?wait=20, answered with the
// finished job; GET /jobs/:id?wait=20 should it still run). Not a test: prints p50/p95/throughput per
// concurrency level, then where a preview's time went (medians):
//   HTTP POST /generate?wait=20 until the finished job is in hand · queue wait (job row created → a worker
//   started it) · on the worker: first progress report, forward pass (waiting for a shared pass
//   included), PNG encoding, storage (files), asset + usage + provenance rows · the rest of the POST
//   (web process: authentication, validation, job row, enqueue, answer; completion write and event)
//   · PNG download (the image's signed link).
//
//   npx tsx bench/explorer/index.ts --url http://127.0.0.1:3000 [--requests 40] [--concurrency 1,5,20] [--model-id ID] [--first-grid]
//
// It signs up a throw-away user and uses the public bundled model "Default faces" when the server lists
// it (what a new user's explorer opens, warmed at worker start), else imports models/default/ (or the
// 32 px fixture) through the API. --first-grid times one 12-seed grid before any warm-up: run it right
// after starting a worker to see what the first user of a fresh worker waits.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i++) {
  if (process.argv[i] === '--first-grid') continue;
  args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);
  i++;
}
const base = args.get('url') ?? process.env.ATELIER_BASE_URL ?? 'http://127.0.0.1:3000';
const perLevel = Number(args.get('requests') ?? 40);
const levels = (args.get('concurrency') ?? '1,5,20').split(',').map(Number);
const firstGrid = process.argv.includes('--first-grid');

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

// `current`: the job the POST answered with (finished, or still running when its wait ran out).
async function waitJob(token: string, id: string, current?: any): Promise<any> {
  let job = current;
  for (;;) {
    if (job?.state === 'COMPLETED') return job;
    if (job?.state === 'FAILED') throw new Error(job.error);
    // a long poll, as app/(studio)/explore/generate-client.ts does when the POST's wait ran out
    ({ job } = await (await call(`/api/v1/jobs/${id}?wait=20`, { token })).json());
  }
}

async function setup() {
  const email = `bench-${Date.now()}@example.test`;
  const password = 'correct-horse-42';
  await jsonCall('/api/v1/signup', { email, password, name: 'bench' });
  const { token } = await jsonCall('/api/v1/tokens', { email, password, name: 'bench' });
  const wanted = args.get('model-id');
  const listed = (await (await call('/api/v1/models', { token: token.token })).json()).models as { id: string; name: string; visibility: string; architecture?: { resolution: number } }[];
  const existing = wanted ? listed.find((m) => m.id === wanted) : listed.find((m) => m.name === 'Default faces' && m.visibility === 'PUBLIC');
  if (wanted && !existing) throw new Error(`model ${wanted} is not usable by a new user`);
  if (existing) return { token: token.token as string, modelId: existing.id, model: `${existing.name} (${existing.architecture?.resolution ?? '?'} px, public)` };
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

type Timings = { jobRowMs: number; renderMs: number; pngMs: number; storageMs: number; recordMs: number };
type Sample = { ms: number; batch: number; postMs: number; queueMs: number; workerMs: number; timings?: Timings; restMs: number; downloadMs: number };

async function preview(token: string, modelId: string, seeds: number[]): Promise<Sample> {
  const t0 = performance.now();
  // As the explorer does: the POST waits for the job (?wait=20) and answers with it finished.
  const { job } = await jsonCall('/api/v1/generate?wait=20', { modelId, seeds, psi: 0.7 }, token);
  const t1 = performance.now();
  const done = await waitJob(token, job.id, job);
  const t2 = performance.now();
  // As the explorer shows it: through the image's signed link, else its URL with the token.
  const png = await call(done.result.images[0].signedUrl ?? done.result.images[0].url, { token });
  await png.arrayBuffer();
  if (!png.ok) throw new Error(`asset ${png.status}`);
  const t3 = performance.now();
  const created = Date.parse(done.createdAt);
  const started = Date.parse(done.startedAt);
  const finished = Date.parse(done.finishedAt);
  const timings = done.result.timings as Timings | undefined;
  const handlerMs = timings ? Object.values(timings).reduce((a, b) => a + b, 0) : 0;
  return {
    ms: t3 - t0,
    batch: done.result.batchImages as number,
    postMs: t1 - t0,
    queueMs: started - created,
    workerMs: finished - started,
    timings,
    // From sending the POST until the client holds the finished job, less the queue wait and what the
    // worker did: the web process's part (authentication, validation, job row, enqueue, the answer)
    // and the completion write and event.
    restMs: t2 - t0 - Math.max(0, started - created) - (timings ? handlerMs : Math.max(0, finished - started)),
    downloadMs: t3 - t2,
  };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

const median = (xs: number[]) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

function table(head: string[], rows: string[][]) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i])).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

async function main() {
  const { token, modelId, model } = await setup();
  console.log(`model: ${model}, ${perLevel} previews per level, against ${base}, ${new Date().toISOString()}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} on ${os.availableParallelism()} cores`);
  if (firstGrid) {
    const g = await preview(token, modelId, Array.from({ length: 12 }, (_, i) => i));
    console.log(`first 12-seed grid: ${g.ms.toFixed(0)} ms (queue ${g.queueMs} ms, forward ${g.timings?.renderMs.toFixed(0) ?? '?'} ms)`);
  }
  for (let i = 0; i < 5; i++) await preview(token, modelId, [10_000 + i]); // warm-up (generator cache, JIT)
  const rows: string[][] = [];
  const parts: string[][] = [];
  let seed = 0;
  for (const clients of levels) {
    const samples: Sample[] = [];
    const started = performance.now();
    let remaining = perLevel;
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (remaining-- > 0) samples.push(await preview(token, modelId, [seed++]));
      }),
    );
    const wall = (performance.now() - started) / 1000;
    const latencies = samples.map((r) => r.ms).sort((a, b) => a - b);
    rows.push([
      String(clients),
      String(latencies.length),
      pct(latencies, 50).toFixed(0),
      pct(latencies, 95).toFixed(0),
      (latencies.length / wall).toFixed(1),
      (samples.reduce((a, b) => a + b.batch, 0) / samples.length).toFixed(1),
    ]);
    const m = (f: (s: Sample) => number | undefined) => {
      const v = median(samples.map(f).filter((x): x is number => typeof x === 'number'));
      return Number.isFinite(v) ? v.toFixed(0) : '—';
    };
    parts.push([
      String(clients),
      m((s) => s.ms),
      m((s) => s.postMs),
      m((s) => s.queueMs),
      m((s) => s.timings?.jobRowMs),
      m((s) => s.timings?.renderMs),
      m((s) => s.timings?.pngMs),
      m((s) => s.timings?.storageMs),
      m((s) => s.timings?.recordMs),
      m((s) => s.restMs),
      m((s) => s.downloadMs),
    ]);
  }
  table(['clients', 'previews', 'p50 ms', 'p95 ms', 'previews/s', 'mean images per forward pass'], rows);
  console.log('\nWhere the time went (median ms per preview; worker columns from the job result):');
  table(['clients', 'total', 'POST /generate?wait', 'queue wait', 'job row', 'forward pass', 'PNG', 'storage', 'usage+provenance', 'web + finish', 'download'], parts);
  console.log(`load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
