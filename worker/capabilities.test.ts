// A worker without ffmpeg does not take video jobs: it says so, the video waits (QUEUED, with
// a message saying why) instead of failing or being lost, and a worker with ffmpeg renders it.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '@/lib/testing/wait-for';

const ROOT = path.resolve(__dirname, '..');
const PREFIX = `atelier-ffmpeg-test-${randomBytes(4).toString('hex')}`;
process.env.QUEUE_PREFIX = PREFIX; // before any lib module reads the environment

const workers: ChildProcess[] = [];
afterAll(() => {
  for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
});

function startWorker(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'worker/index.ts'], { cwd: ROOT, env: { ...process.env, QUEUE_PREFIX: PREFIX, NODE_ENV: 'production', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  workers.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return { child, output: () => out };
}


describe('video jobs and ffmpeg', () => {
  it('a worker without ffmpeg leaves video jobs queued, saying why; one with ffmpeg renders them', async () => {
    const { db } = await import('@/lib/db');
    const { createUser } = await import('@/lib/testing/http');
    const { createFixtureModel } = await import('@/lib/training/test-helpers');
    const { createFixtureVideo } = await import('@/lib/videos/test-helpers');
    const { closeQueues } = await import('@/lib/queue/connection');

    const user = await createUser('no-ffmpeg');
    const base = await createFixtureModel(user.id);
    const { video, job } = await createFixtureVideo(user.id, base.id, { secondsPerTransition: 2, fps: 8 });

    const without = startWorker({ FFMPEG_PATH: '/nonexistent/ffmpeg' });
    await waitFor('the worker without ffmpeg', async () => without.output().includes('[worker] ready'), 60_000);
    expect(without.output()).toMatch(/not taking video jobs: ffmpeg is not installed on this worker \(\/nonexistent\/ffmpeg/);
    expect(without.output()).toMatch(/\[worker\] ready .*queues default, synthesis, training, projection;/);
    await new Promise((r) => setTimeout(r, 2000));
    const waiting = await db.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(waiting).toMatchObject({ state: 'QUEUED', attempts: 0, error: null });
    expect(waiting.message).toMatch(/Waiting for a worker with ffmpeg/);

    const withFfmpeg = startWorker({});
    await waitFor('the worker with ffmpeg', async () => withFfmpeg.output().includes('[worker] ready'), 60_000);
    const done = await waitFor(
      'the video',
      async () => {
        const row = await db.job.findUniqueOrThrow({ where: { id: job.id } });
        return ['COMPLETED', 'FAILED', 'CANCELLED'].includes(row.state) && row;
      },
      90_000,
    );
    expect([done.state, done.error, done.attempts]).toEqual(['COMPLETED', null, 1]);
    const rendered = await db.video.findUniqueOrThrow({ where: { id: video.id }, select: { mp4AssetId: true, frameCount: true } });
    expect(rendered.mp4AssetId).toBeTruthy();
    expect(rendered.frameCount).toBe(16);
    await closeQueues();
  }, 180_000);
});
