// Face detection and alignment in their own process, started by the web app
// (lib/projection/target-client.ts) with `node --import tsx`, like the preview renderer: finding
// a face is seconds of CPU work that must not stall the web server's event loop (a blocked
// server misses its keep-alive timers and resets other clients' connections).
import { initBackend } from '@/lib/stylegan/backend';
import { prepareTarget, TargetImageError } from '@/lib/stylegan/projection/target-image';

type Request = { id: number; bytes: Uint8Array; resolution: number; align: boolean; faceIndex: number | null };

// One photo at a time, in order: tfjs runs one model at a time anyway.
let chain: Promise<void> = Promise.resolve();

process.on('message', (msg: Request) => {
  chain = chain.then(async () => {
    try {
      await initBackend({ quiet: true });
      const target = await prepareTarget(msg.bytes, msg.resolution, { align: msg.align, faceIndex: msg.faceIndex });
      process.send?.({ id: msg.id, ok: true, target });
    } catch (err) {
      if (err instanceof TargetImageError) process.send?.({ id: msg.id, ok: false, code: err.code, error: err.message, faces: err.faces });
      else process.send?.({ id: msg.id, ok: false, error: err instanceof Error ? err.message : String(err) });
    }
  });
});

process.on('disconnect', () => process.exit(0));
process.send?.({ ready: true });
