// `npm run up` supervises: scripts/up.sh (its setup steps skipped: this run's services,
// database and build are already there) with a real web server and worker. A SIGKILLed
// worker is restarted and the job it held finishes; a killed web server comes back; SIGTERM
// to the up process alone stops everything it started.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '@/lib/testing/wait-for';

const ROOT = path.resolve(__dirname, '..');
const PREFIX = `atelier-up-test-${randomBytes(4).toString('hex')}`;
process.env.QUEUE_PREFIX = PREFIX; // before any lib module reads the environment

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};


const httpOk = (url: string) => fetch(url).then((r) => r.ok, () => false);

let up: ChildProcess | undefined;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'atelier-up-test-'));
afterAll(() => {
  if (up?.pid && alive(up.pid)) process.kill(-up.pid, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run up', () => {
  it('restarts a SIGKILLed worker (its job finishes) and a killed web server; SIGTERM to up.sh stops everything', async () => {
    const { db } = await import('@/lib/db');
    const { enqueueJob } = await import('@/lib/jobs/enqueue-job');
    const { pingJob } = await import('@/lib/workers/jobs/ping');
    const { closeQueues } = await import('@/lib/queue/connection');

    const port = await freePort();
    let out = '';
    up = spawn('bash', ['scripts/up.sh'], {
      cwd: ROOT,
      // Its own process group, so that a leftover can be cleaned up; signals go to up.sh's pid only.
      detached: true,
      env: {
        ...process.env,
        // DATABASE_URL and REDIS_URL are this run's: services.sh starts (and stops) nothing.
        ATELIER_DATA_DIR: dataDir,
        ATELIER_UP_SKIP: 'install migrate seed build',
        PORT: String(port),
        QUEUE_PREFIX: PREFIX,
        SUPERVISE_BACKOFF_MS: '500',
        WORKER_LOCK_DURATION_MS: '3000',
        WORKER_STALLED_INTERVAL_MS: '1000',
        JOB_RECONCILE_INTERVAL_MS: '2000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    up.stdout!.on('data', (d) => (out += d));
    up.stderr!.on('data', (d) => (out += d));
    const log = () => out;
    const pidOf = (name: string, nth: number) => {
      const m = [...out.matchAll(new RegExp(`\\[up\\] ${name} started \\(pid (\\d+)\\)`, 'g'))][nth];
      return m ? Number(m[1]) : null;
    };
    const url = `http://127.0.0.1:${port}/`;

    await waitFor('the app to run', async () => out.includes('Latent Atelier is running') && out.includes('[worker] ready'), 120_000, { out: log });
    const worker1 = pidOf('worker', 0)!;
    const web1 = pidOf('web', 0)!;

    // A job held by the worker when it is killed.
    const job = await enqueueJob(pingJob, { message: 'supervised', steps: 10, delayMs: 300 }, { userId: null });
    await waitFor('the job to run', async () => (await db.job.findUniqueOrThrow({ where: { id: job.id } })).progress >= 0.7, 60_000, { out: log });
    process.kill(worker1, 'SIGKILL');
    await waitFor('a restart line', async () => new RegExp(`worker \\(pid ${worker1}\\) was killed by SIGKILL .*restarting in 0\\.5 s`).test(out), 10_000, { out: log });
    const worker2 = await waitFor('a second worker', async () => pidOf('worker', 1), 10_000, { out: log });
    expect(worker2).not.toBe(worker1);
    const done = await waitFor(
      'the job to finish on the new worker',
      async () => {
        const row = await db.job.findUniqueOrThrow({ where: { id: job.id } });
        return ['COMPLETED', 'FAILED', 'CANCELLED'].includes(row.state) && row;
      },
      60_000,
      { out: log },
    );
    expect(done.state).toBe('COMPLETED');
    expect(done.result).toMatchObject({ pong: 'supervised', worker: `${os.hostname()}:${worker2}` });
    // Both attempts count: the killed one (2 s or more, up to its last heartbeat) and the 3 s one that finished.
    expect(done.attempts).toBe(2);
    expect(done.gpuSeconds).toBeGreaterThan(3 + 1.5);

    // The web server (npx and next-server in one group) killed: it comes back.
    process.kill(-web1, 'SIGKILL');
    await waitFor('a restarted web server', async () => pidOf('web', 1), 10_000, { out: log });
    await waitFor('the web app to answer again', () => httpOk(url), 60_000, { out: log });

    // SIGTERM to up.sh's own pid, not its group: it stops the web server, the worker and itself.
    const exited = new Promise<number | null>((r) => up!.once('exit', (code) => r(code)));
    process.kill(up.pid!, 'SIGTERM');
    await Promise.race([exited, new Promise((_, rej) => setTimeout(() => rej(new Error(`up.sh still running\n${out.slice(-3000)}`)), 45_000))]);
    expect(out).toMatch(/\[up\] SIGTERM: stopping/);
    expect(alive(worker2)).toBe(false);
    expect(alive(pidOf('web', 1)!)).toBe(false);
    expect(await httpOk(url)).toBe(false);
    await closeQueues();
  }, 240_000);
});
