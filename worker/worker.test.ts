// The worker process end to end: it registers the job definitions and itself (worker
// registry), serves a job from the queue, and on SIGTERM finishes the job it holds, marks
// itself stopped and exits.
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A queue prefix of our own, so the shared test worker never takes these jobs. Set before
// any lib module reads the environment.
const PREFIX = `atelier-worker-test-${randomBytes(4).toString('hex')}`;
process.env.QUEUE_PREFIX = PREFIX;

const ROOT = path.resolve(__dirname, '..');

function startWorker(): { child: ChildProcess; output: () => string; ready: Promise<void>; exited: Promise<number | null> } {
  // `node --import tsx`, not the tsx CLI: under load the CLI's signal relay escalates
  // SIGTERM to SIGKILL when the child does not acknowledge within 30 ms.
  const child = spawn(process.execPath, ['--import', 'tsx', 'worker/index.ts'], {
    cwd: ROOT,
    env: { ...process.env, QUEUE_PREFIX: PREFIX, WORKER_SHUTDOWN_GRACE_MS: '20000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes('[worker] ready')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`worker exited early (${code}): ${out}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, ready, exited };
}

describe('worker process', () => {
  let lib: {
    enqueueJob: typeof import('@/lib/jobs/enqueue-job').enqueueJob;
    pingJob: typeof import('@/lib/workers/jobs/ping').pingJob;
    db: typeof import('@/lib/db').db;
    closeQueues: typeof import('@/lib/queue/connection').closeQueues;
  };
  beforeAll(async () => {
    lib = {
      ...(await import('@/lib/jobs/enqueue-job')),
      ...(await import('@/lib/workers/jobs/ping')),
      ...(await import('@/lib/db')),
      ...(await import('@/lib/queue/connection')),
    };
  });
  afterAll(async () => {
    await lib.closeQueues();
  });

  async function waitForState(jobId: string, states: string[], timeoutMs = 30_000) {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const job = await lib.db.job.findUniqueOrThrow({ where: { id: jobId } });
      if (states.includes(job.state)) return job;
      if (Date.now() > end) throw new Error(`job ${jobId} stuck in ${job.state}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('logs its tfjs backend and finishes the current job on SIGTERM before exiting', async () => {
    const worker = startWorker();
    await worker.ready;
    const logged = /tfjs backend (webgpu|node-gpu|node|wasm|cpu)\b/.exec(worker.output());
    expect(logged).not.toBeNull();
    // On webgpu the ready line names the GPU adapter and whether it is software or hardware.
    if (logged![1] === 'webgpu') expect(worker.output()).toMatch(/tfjs backend webgpu on .*; (software|hardware), Dawn/);

    const registered = await lib.db.workerNode.findUniqueOrThrow({ where: { id: `${os.hostname()}:${worker.child.pid}` } });
    expect(registered).toMatchObject({ backend: logged![1], stoppedAt: null });
    expect(registered.queues).toContain('default');

    const job = await lib.enqueueJob(lib.pingJob, { message: 'graceful', steps: 10, delayMs: 200 }, { userId: null });
    await waitForState(job.id, ['ACTIVE']);
    worker.child.kill('SIGTERM');
    const code = await worker.exited;

    expect(code).toBe(0);
    const done = await lib.db.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(done.state).toBe('COMPLETED');
    expect(done.result).toMatchObject({ pong: 'graceful', steps: 10 });
    expect(worker.output()).toMatch(/SIGTERM: finishing current jobs/);
    const stopped = await lib.db.workerNode.findUniqueOrThrow({ where: { id: registered.id } });
    expect(stopped.stoppedAt).not.toBeNull();
  });

  it('fails, with a clear error, a job queued for a definition version it does not run', async () => {
    const worker = startWorker();
    await worker.ready;
    const { getQueue } = await import('@/lib/queue/connection');
    const row = await lib.db.job.create({ data: { type: 'ping', payload: { message: 'old', steps: 1, delayMs: 0 } } });
    await getQueue('default').add('ping', { version: 99, payload: { message: 'old', steps: 1, delayMs: 0 } }, { jobId: row.id });
    const failed = await waitForState(row.id, ['FAILED', 'COMPLETED']);
    expect(failed.state).toBe('FAILED');
    expect(failed.error).toBe('Job "ping" was queued as version 99, but this worker runs version 1; retry it to run it as version 1');
    expect(failed.result).toBeNull();
    worker.child.kill('SIGTERM');
    await worker.exited;
  });
});
