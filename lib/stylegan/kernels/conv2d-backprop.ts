/**
 * Conv2D weight and input gradients for the wasm backend, composed from the
 * backend's own fast kernels (XNNPACK Conv2D, Transpose, PadV2, Reverse, Slice).
 *
 * The kernels below call the wasm kernel functions directly with the backend
 * (not through tf ops), so nothing they do is recorded on the gradient tape and
 * nothing can recurse into these kernels. Intermediate buffers are freed with
 * `backend.disposeData`, so the engine's leak check sees exactly one new output.
 *
 * Gradients of these kernels (needed for R1's grad-of-grad) come from tfjs-core's
 * registered gradient configs, which are expressed in conv2d/conv2DBackpropInput/
 * conv2DBackpropFilter ops; they do not depend on how the forward is computed.
 */
import * as tf from '@tensorflow/tfjs';
import { makeFloat, view, type Info, type WasmHeapBackend } from './heap';

export type { Info } from './heap';
type WasmBackendLike = WasmHeapBackend;

type Pads4 = [[number, number], [number, number], [number, number], [number, number]];

export interface Conv2DBackpropFilterAttrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

export interface Conv2DBackpropInputAttrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  inputShape: [number, number, number, number];
}

/** Runs one registered wasm kernel with the given backend. */
function runWasm(
  backend: WasmBackendLike,
  kernelName: string,
  inputs: Record<string, Info>,
  attrs: Record<string, unknown>,
): Info {
  const kernel = tf.getKernel(kernelName, 'wasm');
  if (!kernel) throw new Error(`wasm backend has no ${kernelName} kernel`);
  return kernel.kernelFunc({
    inputs: inputs as unknown as tf.NamedTensorInfoMap,
    attrs: attrs as tf.NamedAttrMap,
    backend: backend as unknown as tf.KernelBackend,
  }) as unknown as Info;
}

/** Small helper that owns every intermediate it creates and frees them at the end. */
class Scratch {
  private readonly owned: Info[] = [];
  constructor(private readonly backend: WasmBackendLike) {}

  run(kernelName: string, inputs: Record<string, Info>, attrs: Record<string, unknown>): Info {
    return this.own(runWasm(this.backend, kernelName, inputs, attrs));
  }

  /** Takes `x` (made elsewhere) into the set freed by release(). */
  own(x: Info): Info {
    this.owned.push(x);
    return x;
  }

  transpose(x: Info, perm: number[]): Info {
    return this.run('Transpose', { x }, { perm });
  }

  reshape(x: Info, shape: number[]): Info {
    return this.run('Reshape', { x }, { shape });
  }

  pad(x: Info, paddings: number[][]): Info {
    if (paddings.every(([a, b]) => a === 0 && b === 0)) return x;
    return this.run('PadV2', { x }, { paddings, constantValue: 0 });
  }

  slice(x: Info, begin: number[], size: number[]): Info {
    if (begin.every((b) => b === 0) && size.every((s, i) => s === x.shape[i])) return x;
    return this.run('Slice', { x }, { begin, size });
  }

  reverse(x: Info, dims: number[]): Info {
    return this.run('Reverse', { x }, { dims });
  }

  conv2d(x: Info, filter: Info, pads: Pads4, dilations: [number, number]): Info {
    return this.run(
      'Conv2D',
      { x, filter },
      { strides: [1, 1], pad: pads, dataFormat: 'NHWC', dilations, dimRoundingMode: undefined },
    );
  }

  /** Hands `result` to the caller and frees everything else (everything, for null). */
  release(result: Info): Info;
  release(result: null): null;
  release(result: Info | null): Info | null {
    let keepOne = result !== null;
    for (const info of this.owned) {
      if (info === result && keepOne) {
        keepOne = false;
        continue;
      }
      this.backend.disposeData(info.dataId);
    }
    this.owned.length = 0;
    return result;
  }
}

function checkNHWC(dataFormat: string, kernel: string): void {
  if (dataFormat !== 'NHWC') {
    throw new Error(`${kernel} (training kernels for wasm) supports dataFormat 'NHWC' only, got '${dataFormat}'`);
  }
}

function convInfoFor(
  xShape: [number, number, number, number],
  filterShape: [number, number, number, number],
  attrs: { strides: number | [number, number]; pad: Conv2DBackpropFilterAttrs['pad']; dimRoundingMode?: 'floor' | 'round' | 'ceil' },
) {
  return tf.backend_util.computeConv2DInfo(
    xShape,
    filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
}

/**
 * dW[i,j,ci,co] = Σ_{n,y,x} xpad[n, y·s+i, x·s+j, ci] · dy[n,y,x,co].
 *
 * Computed as one stride-1 convolution in which the batch is the contracted
 * "channel" axis: x becomes [Cin, H, W, N] (Cin plays the batch), dy becomes a
 * filter [Ho, Wo, N, Cout] dilated by the forward stride. The result
 * [Cin, kh, kw, Cout] is transposed back to HWIO.
 */
export function conv2dBackpropFilterWasm(
  x: Info,
  dy: Info,
  attrs: Conv2DBackpropFilterAttrs,
  backend: WasmBackendLike,
): Info {
  checkNHWC(attrs.dataFormat, 'Conv2DBackpropFilter');
  const s = new Scratch(backend);
  const xShape = x.shape as [number, number, number, number];
  const info = convInfoFor(xShape, attrs.filterShape, attrs);
  const [kh, kw] = attrs.filterShape;
  const { strideHeight: sh, strideWidth: sw, outHeight: ho, outWidth: wo } = info;
  const [, h, w] = xShape;
  const { top, left } = info.padInfo;

  // 1×1, stride 1, no padding (toRGB, fromRGB): dW = x_flatᵀ · dy_flat, one matMul
  // (the conv formulation below is slow when the input has very few channels).
  if (kh === 1 && kw === 1 && sh === 1 && sw === 1 && ho === h && wo === w && top === 0 && left === 0) {
    const rows = xShape[0] * h * w;
    const a = s.reshape(x, [1, rows, xShape[3]]);
    const b = s.reshape(dy, [1, rows, dy.shape[3]]);
    const prod = s.run('BatchMatMul', { a, b }, { transposeA: true, transposeB: false });
    return s.release(s.reshape(prod, attrs.filterShape));
  }

  // At least 16×16 outputs: one GEMM on an im2col copy (at 8 images of 64 channels, 1.2–1.3×
  // faster than the conv below at stride 1, ~1.1× at stride 2; on smaller maps the copy costs
  // more than it saves).
  if ((kh * kw > 1 || sh > 1 || sw > 1) && ho * wo >= IM2COL_MIN_OUTPUTS) {
    return s.release(backpropFilterIm2col(x, dy, info, attrs.filterShape, s, backend));
  }

  // Bottom/right padding that makes the dilated-dy window produce exactly kh × kw outputs.
  const bottom = kh - h - top + (ho - 1) * sh;
  const right = kw - w - left + (wo - 1) * sw;

  // x → [Cin, H, W, N]; drop rows/cols that the forward conv never read (negative padding).
  let xs = x;
  if (bottom < 0 || right < 0) {
    xs = s.slice(x, [0, 0, 0, 0], [xShape[0], h + Math.min(0, bottom), w + Math.min(0, right), xShape[3]]);
  }
  const xT = s.transpose(xs, [3, 1, 2, 0]);
  const dyT = s.transpose(dy, [1, 2, 0, 3]); // [Ho, Wo, N, Cout]
  const pads: Pads4 = [
    [0, 0],
    [top, Math.max(0, bottom)],
    [left, Math.max(0, right)],
    [0, 0],
  ];
  const g = s.conv2d(xT, dyT, pads, [sh, sw]); // [Cin, kh, kw, Cout]
  const out = s.transpose(g, [1, 2, 0, 3]);
  return s.release(out);
}

/**
 * dx of a conv, one stride phase at a time.
 *
 * With q = y + padTop the padded input row, q = r + s·Q (r the phase) and taps t = r + s·m:
 *   dx[q] = Σ_m dy[Q − m] · w[r + s·m]
 * so the rows (and columns) of one phase are a plain stride-1 correlation of dy with that
 * phase's sub-filter w[r::s], flipped and with its channel axes swapped. Each phase is one
 * XNNPACK Conv2D with exactly its own taps (a 3×3 stride-2 conv has 2×2, 2×1, 1×2 and 1×1
 * sub-filters: 9 taps, as many as the forward conv), and its rows and columns are copied into
 * their places in dx as runs of Cin floats. For stride 1 the single phase is dx itself (the usual
 * "conv with the flipped, transposed filter"). The small sub-filters are built in JavaScript:
 * rank-6 reverse/transpose on wasm take the slow per-element path.
 */
export function conv2dBackpropInputWasm(
  dy: Info,
  filter: Info,
  attrs: Conv2DBackpropInputAttrs,
  backend: WasmHeapBackend,
): Info {
  checkNHWC(attrs.dataFormat, 'Conv2DBackpropInput');
  const s = new Scratch(backend);
  const inputShape = attrs.inputShape;
  const filterShape = filter.shape as [number, number, number, number];
  const info = convInfoFor(inputShape, filterShape, attrs);
  const [n, h, w, cin] = inputShape;
  const [kh, kw, , cout] = filterShape;
  const { strideHeight: sh, strideWidth: sw } = info;
  const [, ho, wo] = dy.shape;
  const { top, left } = info.padInfo;
  const weights = view(backend, filter).slice();

  // Rows of one phase along one axis: output index Q in [lo, hi], sub-filter length taps, and
  // the dy range [a0, a1] with the zero padding before/after that makes the conv yield it.
  const axis = (r: number, pad: number, size: number, stride: number, k: number, outSize: number) => {
    const taps = Math.max(0, Math.ceil((k - r) / stride));
    const lo = Math.ceil((pad - r) / stride);
    const hi = Math.floor((size - 1 + pad - r) / stride);
    const a0 = Math.max(0, lo - (taps - 1));
    const a1 = Math.min(outSize - 1, hi);
    return { r, taps, lo, hi, a0, a1, before: Math.max(0, taps - 1 - lo), after: Math.max(0, hi - (outSize - 1)) };
  };

  const phases: { y: ReturnType<typeof axis>; x: ReturnType<typeof axis>; z: Info | null }[] = [];
  for (let ry = 0; ry < sh; ry++) {
    for (let rx = 0; rx < sw; rx++) {
      const y = axis(ry, top, h, sh, kh, ho);
      const x = axis(rx, left, w, sw, kw, wo);
      if (y.hi < y.lo || x.hi < x.lo) continue; // no dx rows/cols in this phase
      if (y.taps === 0 || x.taps === 0 || y.a1 < y.a0 || x.a1 < x.a0) {
        phases.push({ y, x, z: null }); // no tap reaches these rows: zeros
        continue;
      }
      // Sub-filter g[a, b, co, ci] = w[ry + sh·(Mh−1−a), rx + sw·(Mw−1−b), ci, co].
      const g = s.own(
        makeFloat(backend, [y.taps, x.taps, cout, cin], (out) => {
          let o = 0;
          for (let a = 0; a < y.taps; a++) {
            const i = ry + sh * (y.taps - 1 - a);
            for (let b = 0; b < x.taps; b++) {
              const j = rx + sw * (x.taps - 1 - b);
              const base = (i * kw + j) * cin * cout;
              for (let co = 0; co < cout; co++) for (let ci = 0; ci < cin; ci++) out[o++] = weights[base + ci * cout + co];
            }
          }
        }),
      );
      const dyIn = s.slice(dy, [0, y.a0, x.a0, 0], [n, y.a1 - y.a0 + 1, x.a1 - x.a0 + 1, cout]);
      const pads: Pads4 = [
        [0, 0],
        [y.before, y.after],
        [x.before, x.after],
        [0, 0],
      ];
      phases.push({ y, x, z: s.conv2d(dyIn, g, pads, [1, 1]) });
    }
  }

  // Stride 1: the one phase is dx.
  if (sh === 1 && sw === 1 && phases.length === 1 && phases[0].z) return s.release(phases[0].z);

  const out = backend.makeOutput([n, h, w, cin], 'float32');
  const dst = view(backend, out);
  const covered = phases.reduce((sum, p) => sum + (p.y.hi - p.y.lo + 1) * (p.x.hi - p.x.lo + 1), 0);
  if (covered !== h * w || phases.some((p) => !p.z)) dst.fill(0);
  for (const { y, x, z } of phases) {
    if (!z) continue;
    const src = view(backend, z);
    const lh = y.hi - y.lo + 1;
    const lw = x.hi - x.lo + 1;
    for (let b = 0; b < n; b++) {
      for (let qy = 0; qy < lh; qy++) {
        const row = y.r - top + sh * (y.lo + qy);
        const srcRow = (b * lh + qy) * lw * cin;
        const dstRow = (b * h + row) * w * cin;
        for (let qx = 0; qx < lw; qx++) {
          const col = x.r - left + sw * (x.lo + qx);
          const from = srcRow + qx * cin;
          dst.set(src.subarray(from, from + cin), dstRow + col * cin);
        }
      }
    }
  }
  s.release(null);
  return out;
}

/** Output positions per image from which the weight gradient uses im2col + GEMM. */
const IM2COL_MIN_OUTPUTS = 256;
/**
 * Most floats one im2col block may hold (128 MB); larger batches are done in chunks of images.
 * Bigger blocks are faster (8 images at 64 px, 64 channels, one 75 MB block: 95–108 ms; in two
 * blocks 124–132 ms), so the limit only bounds the transient memory.
 */
let IM2COL_MAX = 32 * 1024 * 1024;

/** For tests: a smaller im2col block, so that small inputs take the chunked path. Returns the old limit. */
export function setIm2colBlockLimit(floats: number): number {
  const old = IM2COL_MAX;
  IM2COL_MAX = floats;
  return old;
}

/**
 * Weight gradient as one GEMM per chunk of images:
 *   dW[(i,j,ci), co] = Σ_K cols[(i,j,ci), K] · dy[K, co],   K = (n, y, x) over the output
 * where cols (the transposed im2col of x, [kh·kw·Cin, K]) is copied on the heap from x in
 * channel-first layout, one output row at a time (a run of memory at stride 1, every s-th value
 * at stride s), with zeros where the window reaches into the padding. The product is the stock
 * BatchMatMul (XNNPACK GEMM, no transposes) and is HWIO as it comes out.
 */
function backpropFilterIm2col(
  x: Info,
  dy: Info,
  info: tf.backend_util.Conv2DInfo,
  filterShape: [number, number, number, number],
  s: Scratch,
  backend: WasmBackendLike,
): Info {
  const [n, h, w, cin] = x.shape;
  const [kh, kw, , cout] = filterShape;
  const { outHeight: ho, outWidth: wo, strideHeight: sh, strideWidth: sw } = info;
  const { top, left } = info.padInfo;
  const taps = kh * kw;
  const perImage = ho * wo;
  const chunk = Math.max(1, Math.min(n, Math.floor(IM2COL_MAX / (taps * cin * perImage))));
  const xT = s.transpose(x, [3, 0, 1, 2]); // [cin, n, h, w]
  let acc: Info | null = null;
  for (let b0 = 0; b0 < n; b0 += chunk) {
    const nb = Math.min(chunk, n - b0);
    const K = nb * perImage;
    const cols = s.own(backend.makeOutput([1, taps * cin, K], 'float32'));
    const src = view(backend, xT);
    const dst = view(backend, cols);
    const heap = new Float32Array(src.buffer);
    const srcBase = src.byteOffset >> 2;
    const dstBase = dst.byteOffset >> 2;
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        // Output columns whose window column x = ox·sw + j − left lies inside x.
        const ox0 = Math.min(wo, Math.max(0, Math.ceil((left - j) / sw)));
        const ox1 = Math.max(ox0, Math.min(wo, Math.floor((w - 1 + left - j) / sw) + 1));
        for (let ci = 0; ci < cin; ci++) {
          let d = dstBase + ((i * kw + j) * cin + ci) * K;
          for (let b = b0; b < b0 + nb; b++) {
            const plane = srcBase + (ci * n + b) * h * w;
            if (sh === 1 && sw === 1 && wo === w) {
              // Same width: the window is the whole plane shifted by (i − top) rows and
              // (j − left) columns, so one copy moves it; then the wrapped-around columns and
              // the rows outside x are zeroed.
              copyShiftedPlane(heap, d, plane, h, w, ho, i - top, j - left);
              d += ho * wo;
              continue;
            }
            for (let oy = 0; oy < ho; oy++, d += wo) {
              const y = oy * sh + i - top;
              if (y < 0 || y >= h || ox1 <= ox0) {
                heap.fill(0, d, d + wo);
                continue;
              }
              if (ox0 > 0) heap.fill(0, d, d + ox0);
              const from = plane + y * w + ox0 * sw + j - left;
              if (sw === 1) heap.copyWithin(d + ox0, from, from + (ox1 - ox0));
              else for (let ox = ox0, f = from; ox < ox1; ox++, f += sw) heap[d + ox] = heap[f];
              if (ox1 < wo) heap.fill(0, d + ox1, d + wo);
            }
          }
        }
      }
    }
    // This chunk's rows of dy are contiguous: copied straight (the wasm Slice is far slower).
    let b: Info;
    if (nb === n) b = s.reshape(dy, [1, K, cout]);
    else {
      b = s.own(backend.makeOutput([1, K, cout], 'float32'));
      const from = view(backend, dy);
      const to = view(backend, b);
      const at = b0 * perImage * cout;
      to.set(from.subarray(at, at + K * cout));
    }
    const part = s.run('BatchMatMul', { a: cols, b }, { transposeA: false, transposeB: false });
    acc = acc ? s.run('Add', { a: acc, b: part }, {}) : part;
  }
  return s.reshape(acc!, filterShape);
}

/**
 * dst[oy, x] = src[oy + di, x + dj] for an [ho, w] destination and an [h, w] source plane
 * (zero where that falls outside the source), with one copyWithin for the whole plane.
 */
function copyShiftedPlane(heap: Float32Array, dst: number, src: number, h: number, w: number, ho: number, di: number, dj: number): void {
  const rowLo = Math.max(0, -di);
  const rowHi = Math.min(ho, h - di);
  if (rowHi <= rowLo) {
    heap.fill(0, dst, dst + ho * w);
    return;
  }
  if (rowLo > 0) heap.fill(0, dst, dst + rowLo * w);
  if (rowHi < ho) heap.fill(0, dst + rowHi * w, dst + ho * w);
  // Destination index k (within the plane) reads source index k + off.
  const off = di * w + dj;
  const k0 = rowLo * w;
  const k1 = rowHi * w;
  const lo = Math.max(k0, -off);
  const hi = Math.min(k1, h * w - off);
  if (lo > k0) heap.fill(0, dst + k0, dst + lo);
  if (hi < k1) heap.fill(0, dst + hi, dst + k1);
  if (hi > lo) heap.copyWithin(dst + lo, src + lo + off, src + hi + off);
  // Columns whose source column x + dj lies outside the row got a neighbour row's value.
  if (dj !== 0) {
    const c0 = dj > 0 ? w - dj : 0;
    const c1 = dj > 0 ? w : Math.min(w, -dj);
    for (let r = rowLo; r < rowHi; r++) heap.fill(0, dst + r * w + c0, dst + r * w + c1);
  }
}
