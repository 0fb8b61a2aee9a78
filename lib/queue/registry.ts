// The job definitions this process knows. lib/queue is only the machinery: it imports no
// feature. Each feature keeps its definitions beside its services (lib/<feature>/jobs/), and
// the one list of them all (worker/job-registry.ts) registers them here when the worker or
// the web app starts (worker/index.ts, instrumentation.ts).
import type { JobDefinition, QueueName } from '@/lib/queue/define-job';

const globalForJobs = globalThis as unknown as { atelierJobDefinitions?: Map<string, JobDefinition> };

export function registerJobDefinitions(defs: JobDefinition[]) {
  globalForJobs.atelierJobDefinitions ??= new Map();
  for (const def of defs) {
    const known = globalForJobs.atelierJobDefinitions.get(def.name);
    if (known && known !== def) throw new Error(`Two job definitions are named "${def.name}"`);
    globalForJobs.atelierJobDefinitions.set(def.name, def);
  }
}

function registered(): Map<string, JobDefinition> {
  const defs = globalForJobs.atelierJobDefinitions;
  if (!defs?.size) throw new Error('No job definitions are registered in this process: import @/worker/job-registry first');
  return defs;
}

/** Every registered job type. The worker serves exactly these. */
export function jobDefinitions(): JobDefinition[] {
  return [...registered().values()];
}

export function jobDefinition(name: string): JobDefinition | undefined {
  return registered().get(name);
}

export function queuesInUse(): QueueName[] {
  return [...new Set(jobDefinitions().map((d) => d.queue))];
}
