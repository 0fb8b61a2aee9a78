// Worker start-up: loads the generators a fresh explorer opens first (the newest public models'
// current checkpoints: the bundled default model on a new installation) into the generator
// cache and renders one explorer page with each, so the first grid a user asks for finds the
// weights loaded and the wasm/XNNPACK operators built (a cold worker took over 4 s for it).
// Failures are logged, never fatal: a worker without warm models still serves every job.
import { db } from '@/lib/db';
import { reviewedModelWhere } from '@/lib/licensing/review';
import { render, type RenderRequest } from '@/lib/synthesis/worker/renderer';

/** The explorer's page of seeds (app/(studio)/explore/explorer.tsx PAGE_SIZE). */
const EXPLORER_PAGE = 12;

/** Current checkpoints of the newest models every user's explorer may open (public, visible, reviewed, usable; at most `count`). */
export async function checkpointsToWarm(count: number): Promise<string[]> {
  if (count <= 0) return [];
  const models = await db.model.findMany({
    where: { visibility: 'PUBLIC', hidden: false, archived: false, ready: true, ...reviewedModelWhere },
    orderBy: { createdAt: 'desc' },
    take: count,
    select: { checkpoints: { where: { hidden: false }, orderBy: { createdAt: 'desc' }, take: 1, select: { id: true } } },
  });
  return models.flatMap((m) => m.checkpoints.map((c) => c.id));
}

/** Loads each checkpoint and renders a one-image preview and an explorer page with it; returns timings. */
export async function warmCheckpoints(ids: string[], log: (line: string) => void = console.log): Promise<{ checkpointId: string; ms: number }[]> {
  const warmed: { checkpointId: string; ms: number }[] = [];
  for (const checkpointId of ids) {
    const t0 = performance.now();
    try {
      for (const n of [1, EXPLORER_PAGE]) {
        const req: RenderRequest = {
          checkpointId,
          source: { kind: 'seeds', seeds: Array.from({ length: n }, (_, i) => i) },
          psi: 0.7,
          psiLayers: null,
          truncationCutoff: null,
          noiseMode: 'const',
          noiseSeed: 0,
          nudge: null,
        };
        await render(req);
      }
      const ms = performance.now() - t0;
      warmed.push({ checkpointId, ms });
      log(`[worker] warmed checkpoint ${checkpointId} in ${ms.toFixed(0)} ms`);
    } catch (err) {
      log(`[worker] warm-up of checkpoint ${checkpointId} failed: ${(err as Error).message}`);
    }
  }
  return warmed;
}

/** Warms the current checkpoints of the `count` newest public models (worker start). */
export async function warmModels(count: number, log: (line: string) => void = console.log): Promise<{ checkpointId: string; ms: number }[]> {
  try {
    return await warmCheckpoints(await checkpointsToWarm(count), log);
  } catch (err) {
    log(`[worker] warm-up skipped: ${(err as Error).message}`);
    return [];
  }
}
