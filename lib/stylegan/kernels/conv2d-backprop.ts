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

/** Shape/dtype/data handle as passed between kernels. */
export interface Info {
  dataId: object;
  shape: number[];
  dtype: tf.DataType;
}

/** The slice of the wasm backend's interface these kernels use. */
interface WasmBackendLike {
  disposeData(dataId: object, force?: boolean): boolean;
}

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
    const out = runWasm(this.backend, kernelName, inputs, attrs);
    this.owned.push(out);
    return out;
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

  /** Hands `result` to the caller and frees everything else. */
  release(result: Info): Info {
    let keepOne = true;
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
 * dx for a strided conv, as a polyphase stride-1 convolution.
 *
 * With q = i + padTop the padded input row, r = q mod s and Q = ⌊q/s⌋:
 *   dx[q] = Σ_m dy[Q − m] · w[r + s·m]
 * so each phase r is a plain correlation of dy with the flipped sub-filter
 * w[r::s]. All s² phases are computed by one conv whose output channels hold
 * (r_y, r_x, ci); a reshape/transpose interleaves them back into rows/cols
 * (cheaper on wasm than DepthToSpace) and a slice removes the padding.
 * For stride 1 this is the usual "conv with the flipped, transposed filter".
 */
export function conv2dBackpropInputWasm(
  dy: Info,
  filter: Info,
  attrs: Conv2DBackpropInputAttrs,
  backend: WasmBackendLike,
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

  const Kh = Math.ceil(kh / sh);
  const Kw = Math.ceil(kw / sw);

  // Combined polyphase filter [Kh, Kw, Cout, sh·sw·Cin].
  let f = s.pad(filter, [
    [0, Kh * sh - kh],
    [0, Kw * sw - kw],
    [0, 0],
    [0, 0],
  ]);
  f = s.reshape(f, [Kh, sh, Kw, sw, cin, cout]);
  f = s.reverse(f, [0, 2]);
  f = s.transpose(f, [0, 2, 5, 1, 3, 4]);
  f = s.reshape(f, [Kh, Kw, cout, sh * sw * cin]);

  // Range of Q needed along each axis and the dy padding that yields exactly that range.
  const axis = (pad: number, size: number, stride: number, K: number, outSize: number) => {
    const qLo = Math.floor(pad / stride);
    const qHi = Math.floor((size - 1 + pad) / stride);
    const before = K - 1 - qLo;
    const after = qHi - outSize + 1;
    return { qLo, qHi, before, after };
  };
  const ay = axis(top, h, sh, Kh, ho);
  const ax = axis(left, w, sw, Kw, wo);

  // Negative padding means leading/trailing dy rows that cannot reach dx: drop them.
  let dyIn = dy;
  if (ay.before < 0 || ay.after < 0 || ax.before < 0 || ax.after < 0) {
    const y0 = Math.max(0, -ay.before);
    const x0 = Math.max(0, -ax.before);
    const y1 = ho - Math.max(0, -ay.after);
    const x1 = wo - Math.max(0, -ax.after);
    dyIn = s.slice(dy, [0, y0, x0, 0], [n, y1 - y0, x1 - x0, cout]);
  }
  const pads: Pads4 = [
    [0, 0],
    [Math.max(0, ay.before), Math.max(0, ay.after)],
    [Math.max(0, ax.before), Math.max(0, ax.after)],
    [0, 0],
  ];
  const z = s.conv2d(dyIn, f, pads, [1, 1]); // [N, Lh, Lw, sh·sw·Cin]
  const lh = ay.qHi - ay.qLo + 1;
  const lw = ax.qHi - ax.qLo + 1;

  let full = z;
  if (sh * sw > 1) {
    const z6 = s.reshape(z, [n, lh, lw, sh, sw, cin]);
    const zt = s.transpose(z6, [0, 1, 3, 2, 4, 5]);
    full = s.reshape(zt, [n, lh * sh, lw * sw, cin]);
  }
  const out = s.slice(full, [0, top - sh * ay.qLo, left - sw * ax.qLo, 0], [n, h, w, cin]);
  return s.release(out);
}
