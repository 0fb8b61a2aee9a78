// Jobs survive Redis: a private Redis started with the configuration `npm run up` and
// `npm test` use (scripts/redis.conf), a real worker process, and jobs queued and running
// while that Redis is restarted — once with its append-only file, once with its data gone
// (as a Redis without persistence loses it). Every job finishes, and none runs twice: a job's
// row counts each start of it in `attempts`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@/lib/testing/wait-for';

const ROOT = path.resolve(__dirname, '../..');
const DIR = path.resolve(process.env.DATA_DIR ?? '.data', `redis-restart-test-${randomBytes(3).toString('hex')}`);
const PREFIX = `atelier-redis-restart-${randomBytes(4).toString('hex')}`;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

let port = 0;
const pidFile = () => path.join(DIR, 'redis', 'redis.pid');

function startRedis() {
  mkdirSync(path.join(DIR, 'redis'), { recursive: true });
  const res = spawnSync('redis-server', [
    path.join(ROOT, 'scripts/redis.conf'),
    '--daemonize', 'yes',
    '--port', String(port),
    '--dir', path.join(DIR, 'redis'),
    '--pidfile', pidFile(),
    '--logfile', path.join(DIR, 'redis', 'redis.log'),
  ]);
  if (res.status !== 0) throw new Error(`redis-server: ${res.stderr}`);
}


const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** SIGTERM (Redis writes its append-only file out) or SIGKILL, and wait until it is gone. */
async function stopRedis(signal: 'SIGTERM' | 'SIGKILL') {
  const pid = Number(readFileSync(pidFile(), 'utf8'));
  process.kill(pid, signal);
  await waitFor('Redis to exit', async () => !isAlive(pid), 10_000, { intervalMs: 100 });
}

let worker: ChildProcess | undefined;
let lib: {
  db: typeof import('@/lib/db').db;
  enqueueJob: typeof import('@/lib/jobs/enqueue-job').enqueueJob;
  pingJob: typeof import('@/lib/workers/jobs/ping').pingJob;
  closeQueues: typeof import('@/lib/queue/connection').closeQueues;
};

beforeAll(async () => {
  port = await freePort();
  startRedis();
  // Before any lib module reads the environment: this file's queues live in this Redis.
  process.env.REDIS_URL = `redis://127.0.0.1:${port}`;
  process.env.QUEUE_PREFIX = PREFIX;
  lib = {
    ...(await import('@/lib/db')),
    ...(await import('@/lib/jobs/enqueue-job')),
    ...(await import('@/lib/workers/jobs/ping')),
    ...(await import('@/lib/queue/connection')),
  };
  // Refused connections while Redis is down are expected here: ioredis retries by itself.
  const { getQueue, queueConnection } = await import('@/lib/queue/connection');
  queueConnection().on('error', () => undefined);
  getQueue('default').on('error', () => undefined);
  const log = openSync(path.join(DIR, 'worker.log'), 'a');
  worker = spawn(process.execPath, ['--import', 'tsx', 'worker/index.ts'], {
    cwd: ROOT,
    env: { ...process.env, REDIS_URL: process.env.REDIS_URL, QUEUE_PREFIX: PREFIX, JOB_RECONCILE_INTERVAL_MS: '1000', NODE_ENV: 'production' },
    stdio: ['ignore', log, log],
  });
  await waitFor('the worker to be ready', async () => readFileSync(path.join(DIR, 'worker.log'), 'utf8').includes('[worker] ready'), 60_000, { intervalMs: 100 });
});

afterAll(async () => {
  if (worker && worker.exitCode === null) worker.kill('SIGKILL');
  await lib?.closeQueues().catch(() => undefined);
  await stopRedis('SIGKILL').catch(() => undefined);
  rmSync(DIR, { recursive: true, force: true });
});

async function pingsWithOneRunning(tag: string) {
  const jobs: { id: string }[] = [];
  // The default queue runs one job at a time: the first runs while the others wait.
  for (let i = 0; i < 5; i++) jobs.push(await lib.enqueueJob(lib.pingJob, { message: `${tag}-${i}`, steps: 8, delayMs: 150 }, { userId: null }));
  await waitFor('the first job to run', async () => (await lib.db.job.findUniqueOrThrow({ where: { id: jobs[0].id } })).state === 'ACTIVE', 30_000, { intervalMs: 100 });
  return jobs.map((j) => j.id);
}

async function expectEachRanOnce(ids: string[], tag: string) {
  const done = await waitFor(
    'every job to finish',
    async () => {
      const rows = await lib.db.job.findMany({ where: { id: { in: ids } }, select: { id: true, state: true, attempts: true, result: true, error: true } });
      return rows.every((r) => ['COMPLETED', 'FAILED', 'CANCELLED'].includes(r.state)) && rows;
    },
    60_000,
    { intervalMs: 100 },
  );
  const byId = new Map(done.map((r) => [r.id, r]));
  ids.forEach((id, i) => {
    expect(byId.get(id)).toMatchObject({ state: 'COMPLETED', attempts: 1, error: null, result: { pong: `${tag}-${i}`, steps: 8 } });
  });
}

describe('jobs and a Redis restart', () => {
  it('keeps queued and running jobs when Redis restarts with its append-only file', async () => {
    const ids = await pingsWithOneRunning('aof');
    await stopRedis('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    startRedis();
    await expectEachRanOnce(ids, 'aof');
  }, 90_000);

  it('queues again, from Postgres, the jobs a Redis that lost its data forgot; the running one finishes once', async () => {
    const ids = await pingsWithOneRunning('lost');
    await stopRedis('SIGKILL');
    rmSync(path.join(DIR, 'redis', 'appendonlydir'), { recursive: true, force: true });
    startRedis();
    await expectEachRanOnce(ids, 'lost');
    expect(readFileSync(path.join(DIR, 'worker.log'), 'utf8')).toMatch(/reconciled jobs \(.*\): [1-9]\d* queued again/);
  }, 90_000);
});
