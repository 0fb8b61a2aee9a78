// The preview renderer's own process, started by the web app (lib/directions/preview-client.ts)
// with `node --import tsx`, like the worker: TensorFlow.js runs here on the backend the host
// offers (wasm here), never inside the web server's event loop or bundle. Requests arrive over
// IPC, one render at a time (tfjs runs one forward pass at a time anyway, and order is kept).
import { renderPreview } from '@/lib/directions/preview-renderer';
import { serveRequests } from '@/lib/ipc/child-service';
import { pngOf } from '@/lib/synthesis/worker/store-images';

type Request = { id: number; checkpointId: string; wplus: number[][]; noiseMode: 'const' | 'random' | 'none' };

serveRequests<Request>(async (msg) => {
  const image = await renderPreview(msg.checkpointId, msg.wplus, msg.noiseMode);
  const png = await pngOf(image);
  return { png: new Uint8Array(png), backend: image.backend, renderMs: image.renderMs };
});
