import type { JobDefinition, QueueName } from '@/lib/queue/define-job';
import { pingJob } from '@/lib/queue/jobs/ping';
import { fineTuneJob } from '@/lib/queue/jobs/fine-tune';
import { sampleGridJob, synthesizeJob } from '@/lib/queue/jobs/synthesize';
import { mixGridJob, mixRenderJob } from '@/lib/queue/jobs/mix';
import { renderVideoJob } from '@/lib/queue/jobs/render-video';

/** Every job type the product runs. The worker registers exactly these. */
export const jobDefinitions: JobDefinition[] = [pingJob, synthesizeJob, sampleGridJob, fineTuneJob, mixRenderJob, mixGridJob, renderVideoJob];

export function jobDefinition(name: string): JobDefinition | undefined {
  return jobDefinitions.find((d) => d.name === name);
}

export function queuesInUse(): QueueName[] {
  return [...new Set(jobDefinitions.map((d) => d.queue))];
}
