/**
 * @vladmandic/face-api (MIT), loaded once per process on the shared tfjs
 * instance (its node-wasm build requires '@tensorflow/tfjs' itself, so it
 * runs on whichever backend the product chose). Its weights ship inside the
 * npm package (`model/`): nothing is downloaded.
 *
 * Nets used: SSD MobileNet v1 (detector), the 68-point landmark net and the
 * 128-d face recognition net (identity embedding for the projector).
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import type * as FaceApi from '@vladmandic/face-api';

export type FaceApiModule = typeof FaceApi;

/**
 * A require that finds the package: from this file where that is a real path (tsx, vitest),
 * else from the working directory (inside a Next.js server bundle, where this file's path is
 * virtual and the package stays external, see next.config.js).
 */
function resolvePackageFile(request: string): string {
  const bases = [typeof __filename === 'string' ? __filename : null, path.join(process.cwd(), 'package.json')].filter((b): b is string => !!b);
  let last: unknown = null;
  for (const base of bases) {
    try {
      return createRequire(base).resolve(request);
    } catch (err) {
      last = err;
    }
  }
  throw last;
}

let loaded: Promise<FaceApiModule> | null = null;

/** The package's model folder (weights + manifests). */
export function faceApiModelDir(): string {
  return path.join(path.dirname(resolvePackageFile('@vladmandic/face-api/package.json')), 'model');
}

/** face-api with the detector, landmark and recognition nets loaded from the package. */
export function loadFaceApi(): Promise<FaceApiModule> {
  loaded ??= (async () => {
    // The node-wasm build requires '@tensorflow/tfjs' itself: the same instance as ours.
    const mod = (await import('@vladmandic/face-api/dist/face-api.node-wasm.js')) as unknown as FaceApiModule & { default?: FaceApiModule };
    const faceapi = mod.nets ? mod : mod.default!;
    const dir = faceApiModelDir();
    await faceapi.nets.ssdMobilenetv1.loadFromDisk(dir);
    await faceapi.nets.faceLandmark68Net.loadFromDisk(dir);
    await faceapi.nets.faceRecognitionNet.loadFromDisk(dir);
    return faceapi;
  })().catch((err) => {
    loaded = null;
    throw err;
  });
  return loaded;
}
