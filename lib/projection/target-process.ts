// Face detection and alignment in their own process, started by the web app
// (lib/projection/target-client.ts) with `node --import tsx`: finding a face is seconds of CPU
// work that must not stall the web server's event loop (a blocked server misses its keep-alive
// timers and resets other clients' connections). One photo at a time.
import { serveRequests } from '@/lib/ipc/child-service';
import { initBackend } from '@/lib/stylegan/backend';
import { prepareTarget, TargetImageError } from '@/lib/stylegan/projection/target-image';

type Request = { id: number; bytes: Uint8Array; resolution: number; align: boolean; faceIndex: number | null };

serveRequests<Request>(
  async (msg) => {
    await initBackend({ quiet: true });
    return prepareTarget(msg.bytes, msg.resolution, { align: msg.align, faceIndex: msg.faceIndex });
  },
  (err) => (err instanceof TargetImageError ? { code: err.code, faces: err.faces } : {}),
);
