// Discovery runs by itself after a model is imported, new weights are added, or a fine-tune's
// checkpoint is promoted. A failure to queue it (a used-up GPU quota) never fails those: the
// owner can run it later from the explorer.
import { db } from '@/lib/db';
import { DISCOVER_DEFAULTS, discoverDirectionsJob } from '@/lib/directions/jobs/discover-directions';
import { enqueueJob } from '@/lib/jobs/enqueue-job';

export async function startAutomaticDiscovery(modelId: string, checkpointId: string, owner: { userId: string | null; teamId: string | null }) {
  try {
    if (await db.direction.count({ where: { checkpointId, method: { in: ['SEFA', 'GANSPACE'] } } })) return null;
    return await enqueueJob(discoverDirectionsJob, { modelId, checkpointId, methods: ['sefa', 'ganspace'], ...DISCOVER_DEFAULTS, requestedById: null }, owner);
  } catch (err) {
    console.warn(`[directions] discovery for checkpoint ${checkpointId} not queued: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
}
