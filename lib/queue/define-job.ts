// Each job type is defined once — name, version, queue, payload schema, retry policy and
// a lazily imported handler — and shared by the web app (enqueue) and the worker (run).
import type { z, ZodType } from 'zod';

export type QueueName = 'default' | 'synthesis' | 'video' | 'training' | 'projection';

export type JobContext = {
  jobId: string;
  attempt: number;
  /** Whom the job runs for: its row's user and team (read when the job started). */
  owner: { userId: string | null; teamId: string | null };
  /** Aborted when the worker shuts down or the job is cancelled: stop after the current step. */
  signal: AbortSignal;
  /** Reports progress in [0, 1] with an optional message; persisted and streamed to clients. */
  progress(fraction: number, message?: string): Promise<void>;
};

export type JobHandler<P, R> = (payload: P, ctx: JobContext) => Promise<R>;

export type JobDefinition<S extends ZodType = ZodType, R = unknown> = {
  name: string;
  version: number;
  queue: QueueName;
  schema: S;
  attempts: number;
  backoffMs: number;
  load: () => Promise<{ default: JobHandler<z.infer<S>, R> }>;
  /** Called when someone cancels the job, before anything else: tell whatever runs it to stop. */
  onCancelRequested?: (payload: z.infer<S>) => Promise<void>;
  /** Called once a cancelled job has stopped, or was never run: finish what follows the job. */
  onCancelled?: (payload: z.infer<S>) => Promise<void>;
  /** Called when a failed or cancelled job is retried, before it is queued again. */
  onRetry?: (payload: z.infer<S>) => Promise<void>;
};

export function defineJob<S extends ZodType, R>(def: {
  name: string;
  version?: number;
  queue?: QueueName;
  schema: S;
  attempts?: number;
  backoffMs?: number;
  load: () => Promise<{ default: JobHandler<z.infer<S>, R> }>;
  onCancelRequested?: (payload: z.infer<S>) => Promise<void>;
  onCancelled?: (payload: z.infer<S>) => Promise<void>;
  onRetry?: (payload: z.infer<S>) => Promise<void>;
}): JobDefinition<S, R> {
  return { version: 1, queue: 'default', attempts: 3, backoffMs: 1000, ...def };
}

/** A failure that retrying cannot fix (bad input, missing model): the job fails at once. */
export class PermanentJobError extends Error {
  readonly permanent = true;
}
