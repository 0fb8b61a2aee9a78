// The web app's side of the preview renderer: one long-lived child process (preview-process.ts)
// through lib/ipc/child-service.ts. A preview is one IPC round trip: no job row, no queue,
// nothing stored. Synthesis stays out of the web server's event loop.
import { childService } from '@/lib/ipc/child-service';

const request = childService<{ checkpointId: string; wplus: number[][]; noiseMode: 'const' | 'random' | 'none' }, { png: Uint8Array; backend: string; renderMs: number }>(
  'preview renderer',
  'lib/directions/preview-process.ts',
  (reply) => new Error(`preview renderer: ${reply.error}`),
);

export async function renderPreviewPng(checkpointId: string, wplus: number[][], noiseMode: 'const' | 'random' | 'none') {
  const { png, backend, renderMs } = await request({ checkpointId, wplus, noiseMode });
  return { png: Buffer.from(png.buffer, png.byteOffset, png.byteLength), backend, renderMs };
}
