// Many hosts, proven on one machine: a web app and two workers, each with a data folder of
// its own, that share only Redis, PostgreSQL and S3 (s3rver). A model imported through the
// web is rendered by the workers; their images are served by the web from S3; a fine-tune
// whose worker is killed is finished by the other worker from its snapshot in S3; and no
// process wrote anything to its own data folder's storage.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startS3Server } from '@/lib/testing/s3-server';
import { waitFor } from '@/lib/testing/wait-for';

const ROOT = path.resolve(__dirname, '..');
const PREFIX = `atelier-many-hosts-${randomBytes(4).toString('hex')}`;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}


type Host = { name: string; child: ChildProcess; dataDir: string; output: () => string };
const hosts: Host[] = [];
let s3: Awaited<ReturnType<typeof startS3Server>> | undefined;

function startHost(name: string, command: string[], env: Record<string, string>): Host {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `atelier-host-${name}-`));
  // Its own process group: npx does not pass signals on to next-server.
  const child = spawn(command[0], command.slice(1), { cwd: ROOT, detached: true, env: { ...process.env, ...env, DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const host = { name, child, dataDir, output: () => out };
  hosts.push(host);
  return host;
}

afterAll(async () => {
  for (const h of hosts) {
    if (h.child.exitCode === null && h.child.signalCode === null) {
      try {
        process.kill(-h.child.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    rmSync(h.dataDir, { recursive: true, force: true });
  }
  await s3?.stop();
});

describe('one web app and two workers on separate data folders', () => {
  it('share only Redis, PostgreSQL and S3: renders, serves and resumes a fine-tune across hosts', async () => {
    s3 = await startS3Server();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    // This test process writes fixtures through the same storage, and talks to this web app.
    Object.assign(process.env, s3.env, { QUEUE_PREFIX: PREFIX, ATELIER_BASE_URL: url });
    const shared = { ...s3.env, QUEUE_PREFIX: PREFIX, NODE_ENV: 'production', APP_URL: url, AUTH_URL: url };
    const workerEnv = { ...shared, WORKER_LOCK_DURATION_MS: '3000', WORKER_STALLED_INTERVAL_MS: '1000' };
    const web = startHost('web', ['npx', 'next', 'start', '-p', String(port), '-H', '127.0.0.1'], shared);
    const a = startHost('a', [process.execPath, '--import', 'tsx', 'worker/index.ts'], workerEnv);
    const b = startHost('b', [process.execPath, '--import', 'tsx', 'worker/index.ts'], workerEnv);
    const all = () => hosts.map((h) => `--- ${h.name}\n${h.output().slice(-1500)}`).join('\n');
    await waitFor('the web app', () => fetch(url).then((r) => r.ok, () => false), 120_000, { out: all });
    await waitFor('both workers', async () => a.output().includes('[worker] ready') && b.output().includes('[worker] ready'), 120_000, { out: all });

    const { db } = await import('@/lib/db');
    const { api, createUser } = await import('@/lib/testing/http');
    const { importFixtureModel, fetchBytes, waitForJob } = await import('@/lib/testing/models');
    const { licensedFaceDataset, TINY } = await import('@/lib/training/test-helpers');
    const { sha256Hex } = await import('@/lib/storage/storage');

    // Uploaded to the web, stored in S3, its sample grid rendered by a worker from S3.
    const user = await createUser('many-hosts');
    const model = await importFixtureModel(user.token);
    const gen = await api('/api/v1/generate', { method: 'POST', token: user.token, json: { modelId: model.id, seeds: [1, 2, 3, 4], psi: 0.7 } });
    expect(gen.status).toBe(202);
    const job = await waitForJob(user.token, gen.data.job.id);
    expect(job.state, job.error).toBe('COMPLETED');
    for (const img of job.result.images as { url: string; sha256: string }[]) {
      const png = await fetchBytes(img.url, user.token);
      expect(png.status).toBe(200);
      expect(sha256Hex(png.bytes)).toBe(img.sha256);
    }

    // A fine-tune: the worker that runs it is killed after its first snapshot; the other one finishes it.
    const datasetId = await licensedFaceDataset(user, 4);
    const started = await api('/api/v1/training-runs', { method: 'POST', token: user.token, json: { datasetId, baseModelId: model.id, options: { ...TINY, kimg: 0.012 } } });
    expect(started.status, JSON.stringify(started.data)).toBe(202);
    const runId = started.data.run.id as string;
    const run = await waitFor('a snapshot', async () => {
      const r = await db.trainingRun.findUniqueOrThrow({ where: { id: runId }, select: { jobId: true, state: true } });
      if (r.state === 'FAILED') throw new Error('the run failed');
      return (await db.checkpoint.count({ where: { trainingRunId: runId } })) >= 1 && r;
    }, 150_000, { out: all });
    const holder = (await db.job.findUniqueOrThrow({ where: { id: run.jobId! }, select: { workerName: true } })).workerName!;
    const [killed, survivor] = holder.endsWith(`:${a.child.pid}`) ? [a, b] : [b, a];
    expect(holder).toBe(`${os.hostname()}:${killed.child.pid}`);
    process.kill(killed.child.pid!, 'SIGKILL');

    const done = await waitFor('the run to finish', async () => {
      const r = await db.trainingRun.findUniqueOrThrow({ where: { id: runId }, select: { state: true, log: true, error: true } });
      if (r.state === 'FAILED') throw new Error(`the run failed: ${r.error}`);
      return r.state === 'COMPLETED' && r;
    }, 180_000, { out: all });
    expect(done.log).toMatch(new RegExp(`worker ${os.hostname()}:${survivor.child.pid}: resuming from the snapshot at tick`));
    // The run is marked complete inside the handler; the job row a moment later, when it returns.
    const finalJob = await waitFor('the job row to complete', async () => {
      const j = await db.job.findUniqueOrThrow({ where: { id: run.jobId! }, select: { state: true, workerName: true } });
      return j.state !== 'ACTIVE' && j;
    }, 30_000, { out: all });
    expect(finalJob).toEqual({ state: 'COMPLETED', workerName: `${os.hostname()}:${survivor.child.pid}` });

    // Everything went through S3: no host stored a file in its own data folder.
    for (const h of hosts) {
      const local = path.join(h.dataDir, 'storage');
      expect(existsSync(local) ? readdirSync(local) : [], `${h.name} wrote to ${local}`).toEqual([]);
    }
    expect(web.child.exitCode).toBeNull();
  }, 420_000);
});
