/**
 * BatchMatMul for the wasm backend with transposed operands.
 *
 * The stock wasm BatchMatMul is fast (XNNPACK-style blocked GEMM) only when neither operand is
 * transposed; with transposeA or transposeB it takes a strided path that was 10–15× slower on
 * the shapes a training step makes (a [16, 512]ᵀ · [16, 512] weight gradient of the mapping
 * network: ≈ 17 ms against ≈ 1–2 ms for an explicit Transpose and a plain product). Every dense
 * layer's backward pass has one of each (dx = dy · Wᵀ, dW = xᵀ · dy), so this kernel does the
 * transposes with the backend's Transpose and hands a plain product to the stock kernel. Same
 * sums, possibly in another order (float32 rounding only).
 */
import * as tf from '@tensorflow/tfjs';
import type { Info } from './conv2d-backprop';

interface WasmBackendLike {
  disposeData(dataId: object, force?: boolean): boolean;
}

export interface BatchMatMulAttrs {
  transposeA: boolean;
  transposeB: boolean;
}

type KernelFunc = (args: { inputs: Record<string, Info>; attrs: Record<string, unknown>; backend: WasmBackendLike }) => Info;

/** Swaps the last two axes of `x` with the wasm Transpose kernel (caller disposes the result). */
function swapLastTwo(x: Info, backend: WasmBackendLike): Info {
  const kernel = tf.getKernel('Transpose', 'wasm');
  if (!kernel) throw new Error('wasm backend has no Transpose kernel');
  const rank = x.shape.length;
  const perm = [...Array(rank).keys()];
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
  return kernel.kernelFunc({
    inputs: { x } as unknown as tf.NamedTensorInfoMap,
    attrs: { perm } as unknown as tf.NamedAttrMap,
    backend: backend as unknown as tf.KernelBackend,
  }) as unknown as Info;
}

const size = (x: Info) => x.shape.reduce((p, d) => p * d, 1);

/**
 * a·b with transposes done by the Transpose kernel and a plain product by `stock` (the backend's
 * own kernel, no flags). Of the two equivalent forms the one that moves fewer elements is used:
 *   aᵀ·b  = transpose(a)·b            or  (bᵀ·a)ᵀ        = transpose(transpose(b)·a)
 *   a·bᵀ  = a·transpose(b)            or  (b·aᵀ)ᵀ        = transpose(b·transpose(a))
 *   aᵀ·bᵀ = transpose(a)·transpose(b) or  (b·a)ᵀ         = transpose(b·a)
 * (a dense layer's dx = dy·Wᵀ transposes the small dy and the small result, not the weight).
 */
export function batchMatMulWasm(a: Info, b: Info, attrs: BatchMatMulAttrs, backend: WasmBackendLike, stock: KernelFunc): Info {
  const plain = (x: Info, y: Info) => stock({ inputs: { a: x, b: y }, attrs: { ...attrs, transposeA: false, transposeB: false }, backend });
  if (!attrs.transposeA && !attrs.transposeB) return plain(a, b);
  const owned: Info[] = [];
  const t = (x: Info) => {
    const y = swapLastTwo(x, backend);
    owned.push(y);
    return y;
  };
  try {
    const m = attrs.transposeA ? a.shape[a.shape.length - 1] : a.shape[a.shape.length - 2];
    const n = attrs.transposeB ? b.shape[b.shape.length - 2] : b.shape[b.shape.length - 1];
    const batch = Math.max(size(a) / (a.shape[a.shape.length - 1] * a.shape[a.shape.length - 2]), size(b) / (b.shape[b.shape.length - 1] * b.shape[b.shape.length - 2]));
    const out = batch * m * n;
    if (attrs.transposeA && !attrs.transposeB) {
      if (size(a) <= size(b) + out) return plain(t(a), b);
      return swapLastTwo(track(plain(t(b), a), owned), backend);
    }
    if (!attrs.transposeA && attrs.transposeB) {
      if (size(b) <= size(a) + out) return plain(a, t(b));
      return swapLastTwo(track(plain(b, t(a)), owned), backend);
    }
    if (size(a) + size(b) <= out) return plain(t(a), t(b));
    return swapLastTwo(track(plain(b, a), owned), backend);
  } finally {
    for (const x of owned) backend.disposeData(x.dataId);
  }
}

function track(x: Info, owned: Info[]): Info {
  owned.push(x);
  return x;
}
