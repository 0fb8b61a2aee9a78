// Browser side of POST /generate: enqueue and wait for the job in the same request
// (POST /generate?wait=…, answered as soon as a worker finishes it), then, should it still be
// running, long-poll it (GET /jobs/:id?wait=…), and return its images.
// The session cookie authenticates.

export type GeneratedImage = {
  index: number;
  assetId: string;
  url: string;
  sha256: string;
  seed: number | null;
  noiseSeed: number | null;
  wplus?: number[][];
};

/** A refused request or a failed job; `code` is the API's error code (e.g. quota_exceeded). */
export class ApiFailure extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
  }
}

async function json(res: Response) {
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new ApiFailure(data?.error?.message ?? `Request failed (${res.status})`, data?.error?.code);
  return data;
}

export async function postJson(path: string, body: unknown, method = 'POST') {
  return json(await fetch(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
}

export async function generate(body: Record<string, unknown>, signal?: AbortSignal): Promise<GeneratedImage[]> {
  let { job } = await json(await fetch('/api/v1/generate?wait=20', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal }));
  const deadline = Date.now() + 180_000;
  for (;;) {
    // Shown through their signed links (`signedUrl`): those downloads need no session check.
    if (job.state === 'COMPLETED') return (job.result.images as (GeneratedImage & { signedUrl?: string })[]).map(({ signedUrl, ...image }) => ({ ...image, url: signedUrl ?? image.url }));
    if (job.state === 'FAILED' || job.state === 'CANCELLED') throw new ApiFailure(job.error ?? 'Generation failed');
    if (signal?.aborted) throw new DOMException('Aborted', 'AbortError');
    if (Date.now() > deadline) throw new ApiFailure('No worker finished this in 3 minutes: the synthesis workers are busy or offline.');
    ({ job } = await json(await fetch(`/api/v1/jobs/${job.id}?wait=20`, { signal, cache: 'no-store' })));
  }
}
