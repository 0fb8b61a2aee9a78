import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { JobHandler } from '@/lib/queue/define-job';
import type { SynthesizePayload, SynthesizeResult, SynthesizeTimings } from '@/lib/synthesis/jobs/synthesize';
import { recordJobOutputs } from '@/lib/synthesis/worker/record-outputs';
import { synthesisImageInputs } from '@/lib/synthesis/worker/image-provenance';
import { expectRender, render } from '@/lib/synthesis/worker/renderer';
import { assetUrl, storePngFiles } from '@/lib/synthesis/worker/store-images';

const synthesize: JobHandler<SynthesizePayload, SynthesizeResult> = async (payload, ctx) => {
  for (let waited = 0; waited < payload.testDelayMs; waited += 100) {
    if (ctx.signal.aborted) throw new Error('Worker shutting down');
    await sleep(Math.min(100, payload.testDelayMs - waited));
    await ctx.progress((0.5 * (waited + 100)) / payload.testDelayMs, 'waiting (test delay)');
  }

  const expectation = expectRender();
  const timings: SynthesizeTimings = { jobRowMs: 0, renderMs: 0, pngMs: 0, storageMs: 0, recordMs: 0 };
  let mark = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = now - mark;
    mark = now;
    return ms;
  };
  const owner = ctx.owner;
  try {
    await ctx.progress(0.55, 'rendering');
  } catch (err) {
    expectation();
    throw err;
  }
  timings.jobRowMs = lap();
  const out = await render(payload, expectation);
  await ctx.progress(0.8, 'encoding');
  timings.renderMs = lap();
  const assets = await storePngFiles(out.images, timings);
  lap();
  // Asset rows, usage and one provenance record per image, written together with those of the
  // jobs that shared this forward pass (record-outputs.ts).
  await recordJobOutputs({
    assets,
    usage: { kind: 'GPU_SECONDS', amount: out.computeSeconds, userId: owner.userId, teamId: owner.teamId, jobId: ctx.jobId },
    provenance: assets.map((asset, i) => ({
      artifactType: 'IMAGE' as const,
      artifactId: asset.id,
      asset,
      modelId: payload.modelId,
      checkpointId: payload.checkpointId,
      inputs: synthesisImageInputs(payload, i, out.noiseSeeds[i]),
      ...owner,
      jobId: ctx.jobId,
    })),
  });
  timings.recordMs = lap();

  const withLatents = payload.returnLatents || payload.nudge !== null;
  return {
    modelId: payload.modelId,
    checkpointId: payload.checkpointId,
    images: assets.map((a, i) => ({
      index: i,
      assetId: a.id,
      url: assetUrl(a.id),
      sha256: a.sha256,
      width: out.images[i].width,
      height: out.images[i].height,
      seed: payload.source.kind === 'seeds' && !payload.nudge ? payload.source.seeds[i] : null,
      noiseSeed: out.noiseSeeds[i],
      ...(withLatents ? { wplus: out.wplus[i] } : {}),
    })),
    computeSeconds: out.computeSeconds,
    batchImages: out.batchImages,
    worker: `${os.hostname()}:${process.pid}`,
    timings,
  };
};

export default synthesize;
