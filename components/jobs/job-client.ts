// Browser side of the job API: POST something that answers with a job, then poll
// GET /jobs/:id until it ends. The session cookie authenticates.

import { errorsByField } from '@/lib/forms/human-errors';

/** A refused request: its message, and its problems by field path (see lib/forms/human-errors). */
export class ApiFailure extends Error {
  constructor(message: string, readonly fields: Record<string, string> = {}) {
    super(message);
  }
}

export async function apiJson(path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') {
  const res = await fetch(path, {
    method,
    cache: 'no-store',
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new ApiFailure(data?.error?.message ?? `Request failed (${res.status})`, errorsByField(data?.error?.details));
  return data;
}

export type JobView = { id: string; state: string; progress: number; message: string | null; result: any; error: string | null }; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Resolves with the job once it completed; rejects when it failed or was cancelled. */
export async function waitForJob(jobId: string, onProgress?: (job: JobView) => void): Promise<JobView> {
  for (let i = 0; ; i++) {
    await new Promise((r) => setTimeout(r, i < 20 ? 100 : 400));
    const { job } = (await apiJson(`/api/v1/jobs/${jobId}`)) as { job: JobView };
    onProgress?.(job);
    if (job.state === 'COMPLETED') return job;
    if (job.state === 'FAILED' || job.state === 'CANCELLED') throw new ApiFailure(job.error ?? `The job was ${job.state.toLowerCase()}`);
  }
}
