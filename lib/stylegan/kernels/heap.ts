/**
 * Data movement straight on the wasm heap, for the training kernels.
 *
 * The wasm backend's Slice and Transpose have fast C++ paths up to rank 4 only; above that
 * they fall back to a per-element loop (a 2 MB rank-6 transpose took 38 ms against 2.7 ms at
 * rank 4). The kernels here copy contiguous runs with TypedArray.set instead, which runs at
 * memcpy speed once a run is a few dozen floats long (a channel vector, a row of pixels).
 *
 * Heap views are taken after every allocation: growing the wasm memory detaches older views.
 */
import type * as tf from '@tensorflow/tfjs';

/** Shape/dtype/data handle as passed between kernels. */
export interface Info {
  dataId: object;
  shape: number[];
  dtype: tf.DataType;
}

/** The slice of the wasm backend's interface these helpers use. */
export interface WasmHeapBackend {
  disposeData(dataId: object, force?: boolean): boolean;
  makeOutput(shape: number[], dtype: tf.DataType): Info;
  typedArrayFromHeap(info: Info): Float32Array | Int32Array | Uint8Array;
}

export const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** A new float32 tensor on the heap; `fill` receives a view of its (uninitialised) memory. */
export function makeFloat(backend: WasmHeapBackend, shape: number[], fill: (out: Float32Array) => void): Info {
  const out = backend.makeOutput(shape, 'float32');
  fill(backend.typedArrayFromHeap(out) as Float32Array);
  return out;
}

/** A float view of a tensor's heap memory (valid until the next allocation). */
export function view(backend: WasmHeapBackend, x: Info): Float32Array {
  return backend.typedArrayFromHeap(x) as Float32Array;
}
