// The web app's side of face detection and alignment: the face-detection child process
// (target-process.ts) through lib/ipc/child-service.ts.
import { childService } from '@/lib/ipc/child-service';
import { TargetImageError, type DetectedFace, type PreparedTarget, type TargetErrorCode } from '@/lib/stylegan/projection/target-image';

const request = childService<{ bytes: Uint8Array; resolution: number; align: boolean; faceIndex: number | null }, PreparedTarget>(
  'face detection process',
  'lib/projection/target-process.ts',
  (reply) => (reply.code ? new TargetImageError(reply.code as TargetErrorCode, reply.error, reply.faces as DetectedFace[] | undefined) : new Error(`face detection: ${reply.error}`)),
);

/** prepareTarget (decode, find and align the face), run in the face-detection process. */
export function prepareTargetOffThread(bytes: Uint8Array, resolution: number, opts: { align: boolean; faceIndex: number | null }): Promise<PreparedTarget> {
  return request({ bytes, resolution, align: opts.align, faceIndex: opts.faceIndex });
}
