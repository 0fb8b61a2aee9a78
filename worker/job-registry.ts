// Every job type the product runs: the one place that imports each feature's job definitions
// (lib/<feature>/jobs/). Importing this module registers them with the queue machinery; the
// worker does at start, the web app in instrumentation.ts (cancel and retry read definitions).
import type { JobDefinition } from '@/lib/queue/define-job';
import { registerJobDefinitions } from '@/lib/queue/registry';
import { pingJob } from '@/lib/workers/jobs/ping';
import { sampleGridJob, synthesizeJob } from '@/lib/synthesis/jobs/synthesize';
import { fineTuneJob } from '@/lib/training/jobs/fine-tune';
import { mixGridJob, mixRenderJob } from '@/lib/mixes/jobs/mix';
import { renderVideoJob } from '@/lib/videos/jobs/render-video';
import { previewVideoJob } from '@/lib/videos/jobs/preview-video';
import { computeMetricsJob } from '@/lib/metrics/jobs/compute-metrics';
import { prepareQuizRoundsJob } from '@/lib/quiz/jobs/prepare-rounds';
import { projectPhotoJob } from '@/lib/projection/jobs/project-photo';
import { discoverDirectionsJob } from '@/lib/directions/jobs/discover-directions';

export const allJobDefinitions: JobDefinition[] = [pingJob, synthesizeJob, sampleGridJob, fineTuneJob, mixRenderJob, mixGridJob, renderVideoJob, previewVideoJob, computeMetricsJob, prepareQuizRoundsJob, projectPhotoJob, discoverDirectionsJob];

registerJobDefinitions(allJobDefinitions);
