/**
 * Unpack (tf.unstack) for the wasm backend. The stock kernel slices each
 * output out of the input in place; for rank > 4 wasm's Slice falls back to a
 * generic per-element JavaScript loop, which made the gradient of a
 * stack-based interleave (tf.stack's gradient is tf.unstack) take seconds per
 * call at 32 px. Here the unpacked axis is first moved to the front with the
 * backend's (C++) Transpose, after which every output is one contiguous block
 * of the heap, copied with a single TypedArray.set.
 */
import * as tf from '@tensorflow/tfjs';
import type { Info } from './conv2d-backprop';

interface WasmBackendLike {
  disposeData(dataId: object, force?: boolean): boolean;
  makeOutput(shape: number[], dtype: tf.DataType): Info;
  typedArrayFromHeap(info: Info): Float32Array | Int32Array | Uint8Array;
}

function run(backend: WasmBackendLike, name: string, inputs: Record<string, Info>, attrs: Record<string, unknown>): Info {
  const kernel = tf.getKernel(name, 'wasm');
  if (!kernel) throw new Error(`wasm backend has no ${name} kernel`);
  return kernel.kernelFunc({
    inputs: inputs as unknown as tf.NamedTensorInfoMap,
    attrs: attrs as tf.NamedAttrMap,
    backend: backend as unknown as tf.KernelBackend,
  }) as unknown as Info;
}

export function unpackWasm(value: Info, axisAttr: number, backend: WasmBackendLike): Info[] {
  const rank = value.shape.length;
  const axis = axisAttr < 0 ? axisAttr + rank : axisAttr;
  const count = value.shape[axis];
  const outShape = value.shape.filter((_, i) => i !== axis);
  const perm = [axis, ...value.shape.map((_, i) => i).filter((i) => i !== axis)];
  const front = axis === 0 ? value : run(backend, 'Transpose', { x: value }, { perm });
  const outs: Info[] = [];
  const per = outShape.reduce((a, b) => a * b, 1);
  for (let i = 0; i < count; i++) {
    if (value.dtype === 'string') {
      const piece = run(backend, 'Slice', { x: front }, { begin: [i, ...outShape.map(() => 0)], size: [1, ...outShape] });
      outs.push({ dataId: piece.dataId, dtype: piece.dtype, shape: outShape });
      continue;
    }
    const out = backend.makeOutput(outShape, value.dtype);
    // Views are taken after makeOutput: growing the heap detaches earlier views.
    const src = backend.typedArrayFromHeap(front);
    backend.typedArrayFromHeap(out).set(src.subarray(i * per, (i + 1) * per));
    outs.push(out);
  }
  if (front !== value) backend.disposeData(front.dataId);
  return outs;
}
