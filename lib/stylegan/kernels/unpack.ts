/**
 * Unpack (tf.unstack) for the wasm backend. The stock kernel slices each
 * output out of the input in place; for rank > 4 wasm's Slice falls back to a
 * generic per-element JavaScript loop, which made the gradient of a
 * stack-based interleave (tf.stack's gradient is tf.unstack) take seconds per
 * call at 32 px. Here each output is copied out of the wasm heap as runs of
 * contiguous elements with TypedArray.set; when those runs are short, the
 * unpacked axis is first moved to the front with the backend's (C++)
 * Transpose so that each output is a single run.
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
  const outer = value.shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const inner = value.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  if (value.dtype === 'string') {
    return Array.from({ length: count }, (_, i) => {
      const piece = run(backend, 'Slice', { x: value }, { begin: value.shape.map((_, d) => (d === axis ? i : 0)), size: value.shape.map((v, d) => (d === axis ? 1 : v)) });
      return { dataId: piece.dataId, dtype: piece.dtype, shape: outShape };
    });
  }
  // Long contiguous runs: copy them straight out of the input. Short runs: move the axis
  // to the front first (C++ Transpose) so that each output is one contiguous block.
  const direct = inner >= 32 || outer === 1;
  const front = direct ? value : run(backend, 'Transpose', { x: value }, { perm: [axis, ...value.shape.map((_, i) => i).filter((i) => i !== axis)] });
  const runLength = direct ? inner : outer * inner;
  const runs = direct ? outer : 1;
  const stride = direct ? count * inner : 0;
  const outs: Info[] = [];
  for (let i = 0; i < count; i++) {
    const out = backend.makeOutput(outShape, value.dtype);
    // Views are taken after makeOutput: growing the heap detaches earlier views.
    const src = backend.typedArrayFromHeap(front);
    const dst = backend.typedArrayFromHeap(out);
    const base = direct ? i * inner : i * runLength;
    for (let o = 0; o < runs; o++) dst.set(src.subarray(base + o * stride, base + o * stride + runLength), o * runLength);
    outs.push(out);
  }
  if (front !== value) backend.disposeData(front.dataId);
  return outs;
}
