import type { z } from 'zod';
import type { JobHandler } from '@/lib/queue/define-job';
import { fineTuneJob, type fineTunePayload } from '@/lib/training/jobs/fine-tune';
import { runFineTune, type FineTuneResult } from '@/lib/training/run-fine-tune';

const fineTune: JobHandler<z.infer<typeof fineTunePayload>, FineTuneResult> = (payload, ctx) => runFineTune(payload.runId, ctx, fineTuneJob.attempts);

export default fineTune;
