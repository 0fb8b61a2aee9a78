// The preview renderer's own process, started by the web app (lib/directions/preview-client.ts)
// with `node --import tsx`, like the worker: TensorFlow.js runs here on the backend the host
// offers (wasm here), never inside the web server's event loop or bundle. Requests arrive over IPC.
import { renderPreview } from '@/lib/directions/preview-renderer';
import { pngOf } from '@/lib/synthesis/worker/store-images';

type Request = { id: number; checkpointId: string; wplus: number[][]; noiseMode: 'const' | 'random' | 'none' };

// One render at a time: tfjs runs one forward pass at a time anyway, and order is kept.
let chain: Promise<void> = Promise.resolve();

process.on('message', (msg: Request) => {
  chain = chain.then(async () => {
    try {
      const image = await renderPreview(msg.checkpointId, msg.wplus, msg.noiseMode);
      const png = await pngOf(image);
      process.send?.({ id: msg.id, ok: true, png: png.toString('base64'), backend: image.backend, renderMs: image.renderMs });
    } catch (err) {
      process.send?.({ id: msg.id, ok: false, error: err instanceof Error ? err.message : String(err) });
    }
  });
});

// Exit with the web server that started it.
process.on('disconnect', () => process.exit(0));
process.send?.({ ready: true });
