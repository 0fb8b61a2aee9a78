/**
 * Small differentiable building blocks of StyleGAN2, NHWC. While a gradient
 * tape records, every op used here has working first- AND second-order
 * gradients in tfjs (R1 and path-length regularisation differentiate through
 * them twice), which rules out tf.leakyRelu / prelu / maximum / clipByValue
 * (no gradient of their comparison ops), depthwise conv and batch-broadcast
 * matMul. Without a tape (inference) the fused kernels are used and
 * intermediates are freed early; the values are the same.
 */
import * as tf from '@tensorflow/tfjs';

export const LRELU_ALPHA = 0.2;
export const LRELU_GAIN = Math.SQRT2;

/**
 * gain · leaky_relu(x, 0.2), written as x · f with f = a + b·sign(x). The gradient is given
 * directly as dy · f (f is piecewise constant: sign's gradient is zero), which is exact at
 * every order — R1's grad of grad sees dy · f, whose own derivative in x is zero — and costs
 * one multiply instead of the four that differentiating the product op by op records.
 */
export function leakyReluGain(x: tf.Tensor, gain = LRELU_GAIN, alpha = LRELU_ALPHA): tf.Tensor {
  const a = (gain * (1 + alpha)) / 2;
  const b = (gain * (1 - alpha)) / 2;
  const f = tf.customGrad((input: tf.Tensor | tf.GradSaveFunc, save: tf.Tensor | tf.GradSaveFunc) => {
    const t = input as tf.Tensor;
    const factor = tf.tidy(() => tf.sign(t).mul(b).add(a));
    (save as tf.GradSaveFunc)([factor]);
    return { value: t.mul(factor), gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => dy.mul(saved[0]) };
  });
  return f(x);
}

/**
 * Inference memory: free an intermediate as soon as its consumer has run,
 * rather than at the end of the enclosing tf.tidy. Skipped while a gradient
 * tape records (tfjs keeps what backprop needs, but there is no gain there).
 * Only for tensors created inside the calling op, never for caller inputs.
 */
export function freeIfInference(t: tf.Tensor): void {
  if (!tf.engine().isTapeOn()) t.dispose();
}

/** fn(intermediate), then free the intermediate (inference only). */
export function thenFree<T extends tf.Tensor>(intermediate: tf.Tensor4D, fn: (t: tf.Tensor4D) => T): T {
  const out = fn(intermediate);
  if (out !== (intermediate as tf.Tensor)) freeIfInference(intermediate);
  return out;
}

/** relu written arithmetically ((y + |y|)/2) so that it has higher-order gradients. */
function arithmeticRelu(y: tf.Tensor): tf.Tensor {
  return y.add(tf.abs(y)).mul(0.5);
}

/**
 * clamp(x, -c, c) as x − relu(x − c) + relu(−x − c): exact for |x| ≤ c (both
 * relu terms are exactly 0) and built from differentiable arithmetic only.
 */
export function clampSymmetric(x: tf.Tensor, c: number): tf.Tensor {
  return x.sub(arithmeticRelu(x.sub(c))).add(arithmeticRelu(x.neg().sub(c)));
}

/**
 * Official bias_act for 'linear' and 'lrelu': x + b, activation, × gain, clamp.
 * `b` broadcasts over the last (channel) axis. Under a gradient tape it uses
 * the arithmetic forms above (higher-order gradients); otherwise tf.leakyRelu
 * and tf.clipByValue (same values, less memory).
 */
export function biasAct(
  x: tf.Tensor,
  b: tf.Tensor | null,
  opts: { act: 'linear' | 'lrelu'; gain?: number; clamp?: number | null },
): tf.Tensor {
  let y = b ? x.add(b) : x;
  const gain = opts.gain ?? (opts.act === 'lrelu' ? LRELU_GAIN : 1);
  const clamp = opts.clamp ?? null;
  if (!tf.engine().isTapeOn()) {
    // No gradient is being recorded: the fused kernels are exact and allocate fewer intermediates.
    if (opts.act === 'lrelu') y = tf.leakyRelu(y, LRELU_ALPHA);
    if (gain !== 1) y = y.mul(gain);
    return clamp === null ? y : tf.clipByValue(y, -clamp, clamp);
  }
  if (opts.act === 'lrelu') y = leakyReluGain(y, gain);
  else if (gain !== 1) y = y.mul(gain);
  if (clamp !== null) y = clampSymmetric(y, clamp);
  return y;
}

/** normalize_2nd_moment: x / sqrt(mean(x², axis 1) + 1e-8). */
export function normalize2ndMoment(x: tf.Tensor2D, eps = 1e-8): tf.Tensor2D {
  return x.mul(tf.rsqrt(x.square().mean(1, true).add(eps)));
}

/**
 * Equalised-learning-rate fully connected layer (official FullyConnectedLayer).
 * `weight` is stored [in, out] (official layout is [out, in]); the runtime
 * gains are lr_multiplier/sqrt(in) for the weight and lr_multiplier for the bias.
 */
export function equalizedLinear(
  x: tf.Tensor2D,
  weight: tf.Tensor2D,
  bias: tf.Tensor1D | null,
  opts: { lrMultiplier?: number; act?: 'linear' | 'lrelu' } = {},
): tf.Tensor2D {
  const lr = opts.lrMultiplier ?? 1;
  const weightGain = lr / Math.sqrt(weight.shape[0]);
  const y = tf.matMul(x, weight.mul(weightGain) as tf.Tensor2D);
  const b = bias ? (lr === 1 ? bias : bias.mul(lr)) : null;
  return biasAct(y, b, { act: opts.act ?? 'linear' }) as tf.Tensor2D;
}

/** Normalised 1-D taps of a separable resample filter (setup_filter: f ⊗ f / sum²). */
export function normalizedTaps(filter: number[]): number[] {
  const sum = filter.reduce((a, b) => a + b, 0);
  return filter.map((v) => v / sum);
}

/** 2-D filter as the official setup_filter builds it (used to check loaded buffers). */
export function setupFilter2d(filter: number[]): { shape: number[]; data: Float32Array } {
  const t = normalizedTaps(filter);
  const data = new Float32Array(t.length * t.length);
  for (let i = 0; i < t.length; i++) for (let j = 0; j < t.length; j++) data[i * t.length + j] = t[i] * t[j];
  return { shape: [t.length, t.length], data };
}

/**
 * 1-D FIR filter along H (axis 1) of an NHWC tensor, with zero padding, as a
 * plain conv2d over a [N, H, W·C, 1] view (no transposes, no depthwise conv).
 * `taps` are applied as correlation, so pass them flipped for true convolution.
 */
/**
 * Above this many output positions per image (H × W·C/k) the [N, H, W·C, 1] view is folded
 * into k channels: WebGPU caps a dispatch at 65 535 workgroups per dimension, which the
 * single-channel view of a 256 px, 64-channel layer exceeds.
 */
const FIR_MAX_POSITIONS = 1 << 20;

function firAlongH(x: tf.Tensor4D, taps: number[], pad0: number, pad1: number): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  const hOut = h + pad0 + pad1 - taps.length + 1;
  let k = 1;
  while (hOut * ((w * c) / k) > FIR_MAX_POSITIONS && c % (2 * k) === 0) k *= 2;
  // taps ⊗ I_k: channel j sees only channel j, so every sum has the same non-zero terms in the
  // same order as with k = 1 (the extra terms are exact zeros): identical results.
  const values = new Float32Array(taps.length * k * k);
  taps.forEach((t, i) => {
    for (let j = 0; j < k; j++) values[i * k * k + j * k + j] = t;
  });
  const kernel = tf.tensor4d(values, [taps.length, 1, k, k]);
  const y = tf.conv2d(x.reshape([n, h, (w * c) / k, k]) as tf.Tensor4D, kernel, 1, [
    [0, 0],
    [pad0, pad1],
    [0, 0],
    [0, 0],
  ]);
  return y.reshape([n, y.shape[1], w, c]);
}

function firAlongW(x: tf.Tensor4D, taps: number[], pad0: number, pad1: number): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  const kernel = tf.tensor4d(taps, [taps.length, 1, 1, 1]);
  const y = tf.conv2d(x.reshape([n * h, w, c, 1]) as tf.Tensor4D, kernel, 1, [
    [0, 0],
    [pad0, pad1],
    [0, 0],
    [0, 0],
  ]);
  return y.reshape([n, h, y.shape[1], c]);
}

/** Insert up−1 zeros after every pixel along H and W (the upsampling step of upfirdn2d). */
function zeroInsert2x(x: tf.Tensor4D): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  // [N,H,W,C] -> [N,H,W,2C] (value, 0) -> [N,H,2W,C]; then the same along H.
  const alongW = tf.concat([x, tf.zerosLike(x)], 3).reshape([n, h, 2 * w, c]) as tf.Tensor4D;
  return tf.concat([alongW, tf.zerosLike(alongW)], 2).reshape([n, 2 * h, 2 * w, c]) as tf.Tensor4D;
}

/**
 * upfirdn2d (official semantics: upsample by zero insertion, pad, filter with
 * the flipped filter × gain, no downsampling here) for separable filters.
 * padding = [x0, x1, y0, y1] like the official code; non-negative only.
 */
export function upfirdn2d(
  x: tf.Tensor4D,
  filter: number[],
  opts: { up?: 1 | 2; padding: [number, number, number, number]; gain?: number },
): tf.Tensor4D {
  const [px0, px1, py0, py1] = opts.padding;
  if (Math.min(px0, px1, py0, py1) < 0) throw new Error('upfirdn2d: negative padding is not supported');
  const gain1d = Math.sqrt(opts.gain ?? 1); // f2d·gain = (f1d·√gain) ⊗ (f1d·√gain)
  const taps = normalizedTaps(filter)
    .map((v) => v * gain1d)
    .reverse(); // flip_filter=False flips the filter before correlating
  const up = opts.up === 2 ? zeroInsert2x(x) : x;
  const depthwise = tf.getBackend() === 'wasm';
  const alongH = depthwise ? firDepthwise(up, 1, taps, py0, py1) : firAlongH(up, taps, py0, py1);
  if (up !== x) freeIfInference(up);
  return thenFree(alongH, (t) => (depthwise ? firDepthwise(t, 2, taps, px0, px1) : firAlongW(t, taps, px0, px1)));
}

/**
 * 1-D FIR filter along H (axis 1) or W (axis 2) of an NHWC tensor as a depthwise conv, for
 * wasm: XNNPACK's depthwise kernel runs SIMD across channels and is about twice as fast there
 * as the single-channel conv views above. wasm has no depthwise backprop kernels, so the
 * gradient is given directly: the adjoint of a zero-padded correlation is the correlation of
 * dy with the reversed taps and the complementary padding (K−1−pad, negative = cropped), itself
 * this function again, so gradients of any order (R1's grad of grad) work.
 */
function firDepthwise(x: tf.Tensor4D, axis: 1 | 2, taps: number[], pad0: number, pad1: number): tf.Tensor4D {
  const k = taps.length;
  const f = tf.customGrad((input: tf.Tensor | tf.GradSaveFunc) => {
    const t = input as tf.Tensor4D;
    const [n, h, w, c] = t.shape;
    // Negative padding crops.
    const size = axis === 1 ? h : w;
    const crop0 = Math.max(0, -pad0);
    const crop1 = Math.max(0, -pad1);
    const cropped =
      crop0 || crop1
        ? t.slice(axis === 1 ? [0, crop0, 0, 0] : [0, 0, crop0, 0], axis === 1 ? [n, size - crop0 - crop1, w, c] : [n, h, size - crop0 - crop1, c])
        : t;
    const values = new Float32Array(k * c);
    for (let i = 0; i < k; i++) values.fill(taps[i], i * c, (i + 1) * c);
    const filter = tf.tensor4d(values, axis === 1 ? [k, 1, c, 1] : [1, k, c, 1]);
    const p0 = Math.max(0, pad0);
    const p1 = Math.max(0, pad1);
    const value = tf.depthwiseConv2d(cropped, filter, 1, [
      [0, 0],
      axis === 1 ? [p0, p1] : [0, 0],
      axis === 2 ? [p0, p1] : [0, 0],
      [0, 0],
    ]);
    filter.dispose();
    if (cropped !== t) cropped.dispose();
    const reversed = taps.slice().reverse();
    return { value, gradFunc: (dy: tf.Tensor) => firDepthwise(dy as tf.Tensor4D, axis, reversed, k - 1 - pad0, k - 1 - pad1) };
  });
  return f(x) as tf.Tensor4D;
}

/** Official upfirdn2d.upsample2d(x, f, up=2): padding derived from the filter size, gain 4. */
export function upsample2d(x: tf.Tensor4D, filter: number[]): tf.Tensor4D {
  const fw = filter.length;
  const p0 = Math.floor((fw + 1) / 2);
  const p1 = Math.floor((fw - 2) / 2);
  return upfirdn2d(x, filter, { up: 2, padding: [p0, p1, p0, p1], gain: 4 });
}

/**
 * Taps of weight axis `axis` (0 = kh, 1 = kw) used by output phase `phase` of a
 * stride-2 transposed convolution, in correlation order: w[phase + 2(T−1−j)].
 */
function phaseKernelAlong(weight: tf.Tensor4D, axis: 0 | 1, phase: number): tf.Tensor4D {
  const k = weight.shape[axis];
  const taps = Math.ceil((k - phase) / 2);
  const parts: tf.Tensor4D[] = [];
  for (let j = 0; j < taps; j++) {
    const index = phase + 2 * (taps - 1 - j);
    const begin: [number, number, number, number] = [0, 0, 0, 0];
    const size: [number, number, number, number] = [-1, -1, -1, -1];
    begin[axis] = index;
    size[axis] = 1;
    parts.push(weight.slice(begin, size));
  }
  return parts.length === 1 ? parts[0] : (tf.concat(parts, axis) as tf.Tensor4D);
}

/** The four phase kernels [row phase a][column phase b], flattened as index 2a + b (a function of the weight only). */
export function transposePhaseKernels(weight: tf.Tensor4D): tf.Tensor4D[] {
  const [kh, kw] = weight.shape;
  // k = 1 would leave the odd phases without taps; StyleGAN2 only upsamples with 3×3 kernels.
  if (kh % 2 !== 1 || kw % 2 !== 1 || kh < 3 || kw < 3) throw new Error('conv2dTransposeStride2: odd kernel sizes ≥ 3 only');
  const out: tf.Tensor4D[] = [];
  for (const a of [0, 1]) {
    const rowKernel = phaseKernelAlong(weight, 0, a);
    for (const b of [0, 1]) out.push(phaseKernelAlong(rowKernel, 1, b));
  }
  return out;
}

/**
 * Transposed convolution with stride 2 and no padding (torch conv_transpose2d /
 * tfjs conv2dTranspose semantics: the adjoint of correlation), computed as four
 * stride-1 convolutions, one per output phase (row parity × column parity),
 * interleaved by stack + reshape. Same multiply count as the transposed conv,
 * but only plain conv2d, which is fast on every backend (XNNPACK on wasm).
 * `weight` is HWIO [k, k, in, out] with odd k ≥ 3. Returns [N, 2H+k−1, 2W+k−1, out]:
 * the true output (2H+k−2 per side) followed by one zero row and column.
 */
export function conv2dTransposeStride2(x: tf.Tensor4D, weight: tf.Tensor4D, phases?: tf.Tensor4D[]): tf.Tensor4D {
  const [n] = x.shape;
  const [kh, kw, , outChannels] = weight.shape;
  const kernels = phases ?? transposePhaseKernels(weight);
  const backH = (kh - 1) / 2;
  const backW = (kw - 1) / 2;
  const rows: tf.Tensor4D[] = [];
  for (const a of [0, 1]) {
    const cols: tf.Tensor4D[] = [];
    for (const b of [0, 1]) {
      const kernel = kernels[2 * a + b];
      const [th, tw] = kernel.shape;
      cols.push(
        tf.conv2d(x, kernel, 1, [
          [0, 0],
          [th - 1, backH],
          [tw - 1, backW],
          [0, 0],
        ]),
      );
    }
    const [, ch, cw] = cols[0].shape;
    rows.push(tf.stack(cols, 3).reshape([n, ch, 2 * cw, outChannels]) as tf.Tensor4D);
  }
  const [, ch, cw2] = rows[0].shape;
  return tf.stack(rows, 2).reshape([n, 2 * ch, cw2, outChannels]) as tf.Tensor4D;
}

/**
 * conv2d_resample with up=2 (official fast path): transposed conv with stride 2,
 * then the FIR filter with the official padding and gain up² = 4.
 * `weight` is HWIO [kh, kw, in, out].
 */
export function conv2dUp2(
  x: tf.Tensor4D,
  weight: tf.Tensor4D,
  filter: number[],
  padding: number,
  phases?: tf.Tensor4D[],
): tf.Tensor4D {
  const [kh, kw] = weight.shape;
  const fw = filter.length;
  const up = 2;
  const px0 = padding + Math.floor((fw + up - 1) / 2) - (kw - 1);
  const px1 = padding + Math.floor((fw - up) / 2) - (kw - up);
  const py0 = padding + Math.floor((fw + up - 1) / 2) - (kh - 1);
  const py1 = padding + Math.floor((fw - up) / 2) - (kh - up);
  if (Math.min(px0, px1, py0, py1) < 1) throw new Error('conv2dUp2: kernel too large for the resample filter padding');
  // The polyphase result carries one extra zero row/column at the end: pad one less there.
  const y = tf.tidy(() => conv2dTransposeStride2(x, weight, phases));
  return thenFree(y, (t) => upfirdn2d(t, filter, { padding: [px0, px1 - 1, py0, py1 - 1], gain: up * up }));
}

/**
 * conv2d_resample with down=2 (official fast paths): FIR filter with the
 * official padding, then a stride-2 convolution. For 1×1 kernels the official
 * code filters with down=2 and then convolves; subsampling then a 1×1 conv is
 * the same as a stride-2 1×1 conv, which is what we do.
 */
export function conv2dDown2(x: tf.Tensor4D, weight: tf.Tensor4D, filter: number[], padding: number): tf.Tensor4D {
  const fw = filter.length;
  const down = 2;
  const p0 = padding + Math.floor((fw - down + 1) / 2);
  const p1 = padding + Math.floor((fw - down) / 2);
  const y = upfirdn2d(x, filter, { padding: [p0, p1, p0, p1] });
  return tf.conv2d(y, weight, down, 'valid');
}

/** Plain same-size convolution with symmetric padding (official flip_weight=True = correlation). */
export function conv2dSame(x: tf.Tensor4D, weight: tf.Tensor4D): tf.Tensor4D {
  const pad = Math.floor(weight.shape[0] / 2);
  return pad === 0 ? tf.conv2d(x, weight, 1, 'valid') : tf.conv2d(x, weight, 1, pad);
}

/** Σ over the kernel window of w² → [in, out]; a matMul because reductions over leading axes are slow on wasm. */
export function kernelSumOfSquares(weight: tf.Tensor4D): tf.Tensor2D {
  const [kh, kw, inChannels, outChannels] = weight.shape;
  return tf
    .matMul(tf.ones([1, kh * kw]), weight.square().reshape([kh * kw, inChannels * outChannels]) as tf.Tensor2D)
    .reshape([inChannels, outChannels]) as tf.Tensor2D;
}

/** Functions of a modulated conv's weight alone, which inference can compute once per weight value. */
export interface DerivedConvWeights {
  weightSq?: tf.Tensor2D;
  phases?: tf.Tensor4D[];
}

export function deriveConvWeights(weight: tf.Tensor4D, opts: { demodulate: boolean; up: boolean }): DerivedConvWeights {
  return {
    weightSq: opts.demodulate ? kernelSumOfSquares(weight) : undefined,
    phases: opts.up ? transposePhaseKernels(weight) : undefined,
  };
}

/**
 * Modulated convolution (official modulated_conv2d, non-fused form): scale the
 * input channels by the styles, convolve with the shared weight, then scale the
 * output channels by the demodulation coefficients
 * d[n,o] = rsqrt(Σ_{i,k} (w[k,i,o]·s[n,i])² + 1e-8) = rsqrt((s²) @ Σ_k w² + 1e-8).
 * Mathematically identical to the grouped-conv form, and only uses ops with
 * working higher-order gradients. Noise is added after demodulation.
 */
export function modulatedConv2d(
  x: tf.Tensor4D,
  weight: tf.Tensor4D,
  styles: tf.Tensor2D,
  opts: {
    demodulate: boolean;
    up?: 1 | 2;
    filter?: number[];
    noise?: tf.Tensor | null;
    /** precomputed functions of the weight (inference cache); computed here when absent */
    derived?: DerivedConvWeights;
  },
): tf.Tensor4D {
  const [n, , , inChannels] = x.shape;
  const outChannels = weight.shape[3];
  const modulated = x.mul(styles.reshape([n, 1, 1, inChannels])) as tf.Tensor4D;
  const padding = Math.floor(weight.shape[0] / 2);
  let y = thenFree(modulated, (t) =>
    opts.up === 2 ? conv2dUp2(t, weight, opts.filter ?? [1, 3, 3, 1], padding, opts.derived?.phases) : conv2dSame(t, weight),
  );
  if (opts.demodulate) {
    const weightSq = opts.derived?.weightSq ?? kernelSumOfSquares(weight); // [in, out]
    const dcoefs = tf.rsqrt(tf.matMul(styles.square(), weightSq).add(1e-8)); // [N, out]
    y = thenFree(y, (t) => t.mul(dcoefs.reshape([n, 1, 1, outChannels])));
  }
  if (opts.noise) y = thenFree(y, (t) => t.add(opts.noise!));
  return y;
}

/** torch.lerp(start, end, weight) with torch's two-sided formula (exact at weight 0 and 1). */
export function torchLerp(start: tf.Tensor, end: tf.Tensor, weight: number): tf.Tensor {
  return weight < 0.5 ? start.add(end.sub(start).mul(weight)) : end.sub(end.sub(start).mul(1 - weight));
}
