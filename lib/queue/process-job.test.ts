// How a worker mirrors a job's life in its row (process-job.ts), through a real queue: jobs are
// enqueued as the web app does and run by a BullMQ worker in this process on a private queue
// prefix (the shared test worker never sees them). Short jobs write their row only to start and
// to finish; jobs started or finished together share those writes; a cancel that lands after
// the last heartbeat still wins; a synthesis job's assets, usage and provenance are all there.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Set before any lib module reads the environment.
process.env.QUEUE_PREFIX = `process-job-test-${randomBytes(4).toString('hex')}`;

type Lib = {
  db: typeof import('@/lib/db').db;
  enqueueJob: typeof import('@/lib/jobs/enqueue-job').enqueueJob;
  pingJob: typeof import('@/lib/workers/jobs/ping').pingJob;
  synthesizeJob: typeof import('@/lib/synthesis/jobs/synthesize').synthesizeJob;
  cancelJobById: typeof import('@/lib/queue/cancel-job').cancelJobById;
  closeQueues: typeof import('@/lib/queue/connection').closeQueues;
};

describe('processing a job mirrors it in its row', () => {
  let lib: Lib;
  let worker: import('bullmq').Worker[];
  const progressEvents = new Map<string, unknown[]>();

  beforeAll(async () => {
    const { Worker } = await import('bullmq');
    await import('@/worker/job-registry');
    const { createRedis, queueName } = await import('@/lib/queue/connection');
    const { processJob } = await import('@/lib/queue/process-job');
    lib = {
      ...(await import('@/lib/db')),
      ...(await import('@/lib/jobs/enqueue-job')),
      ...(await import('@/lib/workers/jobs/ping')),
      ...(await import('@/lib/synthesis/jobs/synthesize')),
      ...(await import('@/lib/queue/cancel-job')),
      ...(await import('@/lib/queue/connection')),
    };
    const signal = new AbortController().signal;
    worker = (['default', 'synthesis'] as const).map((name) => {
      const w = new Worker(queueName(name), (job) => processJob(job, signal), { connection: createRedis(), concurrency: 8 });
      // Each progress value the worker writes to the row goes to the queue's copy too.
      w.on('progress', (job, p) => progressEvents.set(job.id!, [...(progressEvents.get(job.id!) ?? []), p]));
      return w;
    });
    await Promise.all(worker.map((w) => w.waitUntilReady()));
  });
  afterAll(async () => {
    await Promise.all(worker?.map((w) => w.close()) ?? []);
    await lib?.closeQueues();
  });

  async function finished(jobId: string, timeoutMs = 120_000) {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const job = await lib.db.job.findUniqueOrThrow({ where: { id: jobId } });
      if (['COMPLETED', 'FAILED'].includes(job.state) || (job.state === 'CANCELLED' && job.finishedAt)) return job;
      if (Date.now() > end) throw new Error(`job ${jobId} stuck in ${job.state}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  it('a short job writes no progress on its way; its completion sets progress 1, timing and compute time', async () => {
    // The first job of a process loads its handler's modules: warm up, so the timed one is short.
    await finished((await lib.enqueueJob(lib.pingJob, { message: 'warm-up', steps: 1, delayMs: 0 }, { userId: null })).id);
    const before = Date.now();
    const job = await lib.enqueueJob(lib.pingJob, { message: 'quick', steps: 10, delayMs: 0 }, { userId: null });
    const done = await finished(job.id);
    expect(done).toMatchObject({ state: 'COMPLETED', progress: 1, attempts: 1, error: null, message: 'step 10 of 10' });
    expect(done.result).toMatchObject({ pong: 'quick', steps: 10 });
    // Times are written as the worker's clock in UTC, as Prisma writes them.
    for (const t of [done.startedAt!, done.heartbeatAt!, done.finishedAt!]) {
      expect(t.getTime()).toBeGreaterThanOrEqual(before - 2000);
      expect(t.getTime()).toBeLessThanOrEqual(Date.now() + 2000);
    }
    expect(done.finishedAt!.getTime()).toBeGreaterThanOrEqual(done.startedAt!.getTime());
    expect(done.gpuSeconds).toBeGreaterThan(0);
    // Ten reports within a few ms: only the final one (1) was written.
    expect(progressEvents.get(job.id)).toEqual([{ fraction: 1, message: 'step 10 of 10' }]);
  });

  it('a longer job writes its progress on the way, in order', async () => {
    const job = await lib.enqueueJob(lib.pingJob, { message: 'slow', steps: 4, delayMs: 300 }, { userId: null });
    const done = await finished(job.id);
    expect(done.state).toBe('COMPLETED');
    const fractions = (progressEvents.get(job.id) ?? []).map((p) => (p as { fraction: number }).fraction);
    expect(fractions.length).toBeGreaterThanOrEqual(3);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
    expect(fractions.at(-1)).toBe(1);
  });

  it('a cancel that lands after the last heartbeat wins over the completion', async () => {
    // 400 ms: shorter than the 1 s heartbeat, so only the completion write can see the cancel.
    const job = await lib.enqueueJob(lib.pingJob, { message: 'cancel me', steps: 1, delayMs: 400 }, { userId: null });
    const end = Date.now() + 30_000;
    while ((await lib.db.job.findUniqueOrThrow({ where: { id: job.id } })).state !== 'ACTIVE') {
      if (Date.now() > end) throw new Error('never started');
      await new Promise((r) => setTimeout(r, 10));
    }
    await lib.cancelJobById(job.id);
    const done = await finished(job.id);
    expect(done.state).toBe('CANCELLED');
    expect(done.result).toBeNull();
    expect(done.finishedAt).not.toBeNull();
    expect(done.gpuSeconds).toBeGreaterThan(0);
  });

  it('synthesis jobs of different owners run together: each image has its asset, usage and provenance, owned by its job’s owner', { timeout: 240_000 }, async () => {
    const { createUser } = await import('@/lib/testing/http');
    const { importFixtureModel } = await import('@/lib/testing/models');
    const [alice, bob] = await Promise.all([createUser('pj-alice'), createUser('pj-bob')]);
    const model = await importFixtureModel(alice.token, { visibility: 'PUBLIC' });
    const checkpoint = await lib.db.checkpoint.findUniqueOrThrow({ where: { id: model.checkpoint.id }, select: { sha256: true } });
    const payload = (seeds: number[]) => ({ modelId: model.id, checkpointId: model.checkpoint.id, source: { kind: 'seeds' as const, seeds }, psi: 0.7 });
    const jobs = await Promise.all([
      lib.enqueueJob(lib.synthesizeJob, { ...payload([1, 2]), returnLatents: true }, { userId: alice.id }),
      lib.enqueueJob(lib.synthesizeJob, payload([3]), { userId: bob.id }),
      lib.enqueueJob(lib.synthesizeJob, payload([4]), { userId: alice.id }),
    ]);
    const owners = [alice.id, bob.id, alice.id];
    for (const [k, job] of jobs.entries()) {
      const done = await finished(job.id);
      expect(done.state, done.error ?? '').toBe('COMPLETED');
      const result = done.result as { images: { assetId: string; sha256: string }[]; computeSeconds: number };
      expect(result.images).toHaveLength(k === 0 ? 2 : 1);
      const [assets, usage, records] = await Promise.all([
        lib.db.asset.findMany({ where: { id: { in: result.images.map((i) => i.assetId) } }, select: { id: true, sha256: true, ownerId: true, mime: true } }),
        lib.db.usageEvent.findMany({ where: { jobId: job.id }, select: { kind: true, amount: true, userId: true } }),
        lib.db.provenanceRecord.findMany({ where: { jobId: job.id }, select: { artifactId: true, assetSha256: true, userId: true, modelId: true, checkpointSha256: true, baseModelChain: true, license: true, inputs: true, files: { select: { assetId: true, variant: true, sha256: true } } } }),
      ]);
      expect(assets).toHaveLength(result.images.length);
      for (const image of result.images) {
        expect(assets.find((a) => a.id === image.assetId)).toEqual({ id: image.assetId, sha256: image.sha256, ownerId: owners[k], mime: 'image/png' });
        const record = records.find((r) => r.artifactId === image.assetId)!;
        expect(record).toMatchObject({ assetSha256: image.sha256, userId: owners[k], modelId: model.id, checkpointSha256: checkpoint.sha256 });
        expect(record.files).toEqual([{ assetId: image.assetId, variant: 'stored', sha256: image.sha256 }]);
        expect((record.baseModelChain as { modelId: string }[])[0].modelId).toBe(model.id);
        expect(record.license).toMatchObject({ licences: ['CC-BY-4.0'] });
        expect(record.inputs).toMatchObject({ psi: 0.7, noiseMode: 'CONST' });
      }
      expect(records).toHaveLength(result.images.length);
      expect(usage).toEqual([{ kind: 'GPU_SECONDS', amount: result.computeSeconds, userId: owners[k] }]);
    }
    // Numbers in the result read back as Prisma writes them (a latent saved from this w+ equals it).
    const { result } = await lib.db.job.findUniqueOrThrow({ where: { id: jobs[0].id }, select: { result: true } });
    const wplus = (result as { images: { wplus: number[][] }[] }).images[0].wplus;
    expect(wplus.flat().some((v) => !Number.isInteger(v))).toBe(true);
    const viaPrisma = await lib.db.job.create({ data: { type: 'ping', payload: {}, result: { wplus } }, select: { result: true } });
    expect((viaPrisma.result as { wplus: number[][] }).wplus).toEqual(wplus);
  });
});
