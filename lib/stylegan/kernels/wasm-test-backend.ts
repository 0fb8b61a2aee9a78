/**
 * Test helper: switch tfjs between the wasm and cpu backends within one process,
 * with the training kernels installed on wasm.
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from './index';

let wasmPathsSet = false;

/** The wasm package's dist/ folder (where its .wasm binaries live), with a trailing slash. */
export function wasmDistDir(): string {
  const require = createRequire(import.meta.url);
  const main = require.resolve('@tensorflow/tfjs-backend-wasm');
  return path.join(path.dirname(main), path.sep);
}

export async function useBackend(name: 'wasm' | 'cpu'): Promise<void> {
  if (name === 'wasm') {
    if (!wasmPathsSet) {
      setWasmPaths(wasmDistDir());
      wasmPathsSet = true;
    }
    registerWasmTrainingKernels();
  }
  if (tf.getBackend() !== name) {
    const ok = await tf.setBackend(name);
    if (!ok) throw new Error(`tfjs backend '${name}' failed to initialise`);
  }
  await tf.ready();
}

/** Values of a tensor as a plain Float32Array, for moving data between backends. */
export async function values(t: tf.Tensor): Promise<Float32Array> {
  return new Float32Array(await t.data());
}

/** max |a − b| / max(max |b|, tiny): a scale-aware relative error. */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length mismatch ${a.length} vs ${b.length}`);
  let num = 0;
  let den = 1e-30;
  for (let i = 0; i < a.length; i++) {
    num = Math.max(num, Math.abs(a[i] - b[i]));
    den = Math.max(den, Math.abs(b[i]));
  }
  return num / den;
}
