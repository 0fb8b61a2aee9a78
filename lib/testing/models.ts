// Test helpers for models: zips in the official export layout (built from the shared parity
// fixture, optionally broken on purpose) and an import through the real API.
import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { api, baseUrl } from '@/lib/testing/http';

export const FIXTURE_DIR = path.resolve(process.cwd(), '../shared/fixtures/stylegan2-ada-32');

export function fixtureFiles(): Record<string, Uint8Array> {
  const read = (f: string) => new Uint8Array(fs.readFileSync(path.join(FIXTURE_DIR, f)));
  return { 'config.json': read('config.json'), 'G.safetensors': read('G.safetensors'), 'D.safetensors': read('D.safetensors') };
}

export function zipOf(files: Record<string, Uint8Array | string>, folder = ''): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, data] of Object.entries(files)) entries[folder + name] = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return zipSync(entries, { level: 0 });
}

export async function uploadModel(token: string, zip: Uint8Array, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.set('file', new Blob([zip as BlobPart], { type: 'application/zip' }), 'model.zip');
  const all = { name: 'Fixture 32px', license: 'CC-BY-4.0', ...fields };
  for (const [k, v] of Object.entries(all)) form.set(k, v);
  return api('/api/v1/models/import', { method: 'POST', token, body: form });
}

/** Waits for a job through GET /jobs/:id?wait= (long polling), returning the final job. */
export async function waitForJob(token: string, jobId: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await api(`/api/v1/jobs/${jobId}?wait=10`, { token });
    if (res.status !== 200) throw new Error(`job ${jobId}: ${res.status} ${JSON.stringify(res.data)}`);
    const job = res.data.job;
    if (['COMPLETED', 'FAILED', 'CANCELLED'].includes(job.state)) return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.state} after ${timeoutMs} ms`);
  }
}

/** Imports the fixture through the API and waits for its sample grid. */
export async function importFixtureModel(token: string, fields: Record<string, string> = {}) {
  const res = await uploadModel(token, zipOf(fixtureFiles()), fields);
  if (res.status !== 201) throw new Error(`import failed: ${res.status} ${JSON.stringify(res.data)}`);
  const job = await waitForJob(token, res.data.job.id);
  if (job.state !== 'COMPLETED') throw new Error(`sample grid failed: ${job.error}`);
  return res.data.model as { id: string; checkpoint: { id: string }; architecture: { numWs: number; zDim: number; wDim: number } };
}

export async function fetchBytes(url: string, token?: string, headers: Record<string, string> = {}) {
  const res = await fetch(baseUrl() + url, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}
