/**
 * A deliberately naive float64 re-statement of the official StyleGAN2-ADA
 * forward pass (NCHW, loops, the *fused* modulated-conv formulation with
 * per-sample demodulated weights, zero-insertion upfirdn2d with the full 2-D
 * filter, transposed conv by scattering), reading the official state_dict
 * layouts directly. Test-only: it shares no code with the tfjs implementation,
 * so agreement on configurations the shared fixture does not cover
 * (conditioning, active conv_clamp, other channel counts, mbstd channels) is
 * evidence that the tfjs path computes the official function there too.
 * Only small models are practical (it is O(everything) in plain JS).
 */
import type { GeneratorKwargs, ResolvedDiscriminatorKwargs } from './config';

export type Official = Record<string, { shape: number[]; data: Float64Array }>;

interface T4 {
  n: number;
  c: number;
  h: number;
  w: number;
  d: Float64Array;
}

const SQRT2 = Math.SQRT2;
const at = (t: T4, n: number, c: number, y: number, x: number) => t.d[((n * t.c + c) * t.h + y) * t.w + x];
const zeros4 = (n: number, c: number, h: number, w: number): T4 => ({ n, c, h, w, d: new Float64Array(n * c * h * w) });

function lrelu(v: number, gain: number): number {
  return (v >= 0 ? v : 0.2 * v) * gain;
}
function clamp(v: number, c: number | null): number {
  return c === null ? v : Math.min(Math.max(v, -c), c);
}

/** FullyConnectedLayer: x [N][in] → [N][out] */
function fc(x: number[][], p: Official, name: string, lr: number, act: 'linear' | 'lrelu'): number[][] {
  const W = p[`${name}.weight`];
  const b = p[`${name}.bias`];
  const [out, inF] = W.shape;
  const gain = lr / Math.sqrt(inF);
  return x.map((row) => {
    const y: number[] = [];
    for (let o = 0; o < out; o++) {
      let s = 0;
      for (let i = 0; i < inF; i++) s += row[i] * W.data[o * inF + i] * gain;
      if (b) s += b.data[o] * lr;
      y.push(act === 'lrelu' ? lrelu(s, SQRT2) : s);
    }
    return y;
  });
}

function norm2(x: number[][]): number[][] {
  return x.map((r) => {
    const m = r.reduce((a, v) => a + v * v, 0) / r.length;
    return r.map((v) => v / Math.sqrt(m + 1e-8));
  });
}

function mapping(p: Official, prefix: string, zDim: number, cDim: number, layers: number, lr: number, z: number[][] | null, c: number[][] | null) {
  let x: number[][] | null = zDim > 0 ? norm2(z!) : null;
  if (cDim > 0) {
    const y = norm2(fc(c!, p, `${prefix}embed`, 1, 'linear'));
    x = x ? x.map((r, i) => [...r, ...y[i]]) : y;
  }
  for (let i = 0; i < layers; i++) x = fc(x!, p, `${prefix}fc${i}`, lr, 'lrelu');
  return x!;
}

/** upfirdn2d: zero-insert by `up`, pad [x0,x1,y0,y1], correlate with flip(f2d)·gain, keep every `down`-th pixel. */
function upfirdn(x: T4, taps: number[], up: number, down: number, pad: [number, number, number, number], gain: number): T4 {
  const k = taps.length;
  const sum = taps.reduce((a, b) => a + b, 0);
  const f = (i: number, j: number) => ((taps[k - 1 - i] * taps[k - 1 - j]) / (sum * sum)) * gain;
  const [px0, px1, py0, py1] = pad;
  const uh = x.h * up + py0 + py1;
  const uw = x.w * up + px0 + px1;
  const src = (n: number, c: number, y: number, xx: number) => {
    const yy = y - py0;
    const xw = xx - px0;
    if (yy < 0 || xw < 0 || yy >= x.h * up || xw >= x.w * up || yy % up || xw % up) return 0;
    return at(x, n, c, yy / up, xw / up);
  };
  const oh = Math.floor((uh - k) / down) + 1;
  const ow = Math.floor((uw - k) / down) + 1;
  const out = zeros4(x.n, x.c, oh, ow);
  for (let n = 0; n < x.n; n++)
    for (let c = 0; c < x.c; c++)
      for (let y = 0; y < oh; y++)
        for (let xx = 0; xx < ow; xx++) {
          let s = 0;
          for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) s += src(n, c, y * down + i, xx * down + j) * f(i, j);
          out.d[((n * out.c + c) * oh + y) * ow + xx] = s;
        }
  return out;
}

/** Per-sample conv: weight(n) [O][I][k][k]; correlation with padding and stride. */
function conv(x: T4, weightOf: (n: number, o: number, i: number, ky: number, kx: number) => number, O: number, k: number, pad: number, stride: number): T4 {
  const oh = Math.floor((x.h + 2 * pad - k) / stride) + 1;
  const ow = Math.floor((x.w + 2 * pad - k) / stride) + 1;
  const out = zeros4(x.n, O, oh, ow);
  for (let n = 0; n < x.n; n++)
    for (let o = 0; o < O; o++)
      for (let y = 0; y < oh; y++)
        for (let xx = 0; xx < ow; xx++) {
          let s = 0;
          for (let i = 0; i < x.c; i++)
            for (let ky = 0; ky < k; ky++)
              for (let kx = 0; kx < k; kx++) {
                const sy = y * stride + ky - pad;
                const sx = xx * stride + kx - pad;
                if (sy < 0 || sx < 0 || sy >= x.h || sx >= x.w) continue;
                s += at(x, n, i, sy, sx) * weightOf(n, o, i, ky, kx);
              }
          out.d[((n * O + o) * oh + y) * ow + xx] = s;
        }
  return out;
}

/** conv_transpose2d, stride 2, no padding: out[2y+ky, 2x+kx] += in[y,x]·w */
function convTranspose2(x: T4, weightOf: (n: number, o: number, i: number, ky: number, kx: number) => number, O: number, k: number): T4 {
  const out = zeros4(x.n, O, 2 * (x.h - 1) + k, 2 * (x.w - 1) + k);
  for (let n = 0; n < x.n; n++)
    for (let o = 0; o < O; o++)
      for (let i = 0; i < x.c; i++)
        for (let y = 0; y < x.h; y++)
          for (let xx = 0; xx < x.w; xx++) {
            const v = at(x, n, i, y, xx);
            for (let ky = 0; ky < k; ky++)
              for (let kx = 0; kx < k; kx++) out.d[((n * O + o) * out.h + 2 * y + ky) * out.w + 2 * xx + kx] += v * weightOf(n, o, i, ky, kx);
          }
  return out;
}

function mapT4(t: T4, f: (v: number, n: number, c: number, y: number, x: number) => number): T4 {
  const out = zeros4(t.n, t.c, t.h, t.w);
  for (let n = 0; n < t.n; n++)
    for (let c = 0; c < t.c; c++)
      for (let y = 0; y < t.h; y++)
        for (let x = 0; x < t.w; x++) {
          const idx = ((n * t.c + c) * t.h + y) * t.w + x;
          out.d[idx] = f(t.d[idx], n, c, y, x);
        }
  return out;
}

/** Official Generator.forward(z, c, truncation_psi, truncation_cutoff, noise_mode='const'|'none'). Returns NCHW. */
export function referenceGenerator(
  g: GeneratorKwargs,
  p: Official,
  z: number[][],
  c: number[][] | null,
  opts: { psi: number; cutoff: number | null; noiseMode: 'const' | 'none' },
): { ws: number[][][]; img: T4 } {
  const m = g.mapping_kwargs;
  const s = g.synthesis_kwargs;
  const numWs = 2 * Math.log2(g.img_resolution) - 2;
  const w = mapping(p, 'mapping.', g.z_dim, g.c_dim, m.num_layers, m.lr_multiplier, z, c);
  const wAvg = p['mapping.w_avg'].data;
  const ws = w.map((row) =>
    Array.from({ length: numWs }, (_, l) =>
      opts.psi !== 1 && (opts.cutoff === null || l < opts.cutoff) ? row.map((v, i) => wAvg[i] + opts.psi * (v - wAvg[i])) : row.slice(),
    ),
  );
  const N = z.length;
  const ch = (res: number) => Math.min(Math.floor(s.channel_base / res), s.channel_max);
  const taps = s.resample_filter;

  const layer = (x: T4, name: string, wl: number[][], up: boolean, res: number): T4 => {
    const W = p[`${name}.weight`];
    const [O, I, k] = W.shape;
    const styles = fc(wl, p, `${name}.affine`, 1, 'linear');
    const wmod = (n: number, o: number, i: number, ky: number, kx: number) => W.data[((o * I + i) * k + ky) * k + kx] * styles[n][i];
    const dco = styles.map((_, n) =>
      Array.from({ length: O }, (__, o) => {
        let sq = 0;
        for (let i = 0; i < I; i++) for (let ky = 0; ky < k; ky++) for (let kx = 0; kx < k; kx++) sq += wmod(n, o, i, ky, kx) ** 2;
        return 1 / Math.sqrt(sq + 1e-8);
      }),
    );
    const wfused = (n: number, o: number, i: number, ky: number, kx: number) => wmod(n, o, i, ky, kx) * dco[n][o];
    let y: T4;
    if (up) {
      y = convTranspose2(x, wfused, O, k);
      y = upfirdn(y, taps, 1, 1, [1, 1, 1, 1], 4);
    } else {
      y = conv(x, wfused, O, k, (k - 1) / 2, 1);
    }
    const strength = p[`${name}.noise_strength`]?.data[0] ?? 0;
    const noise = p[`${name}.noise_const`]?.data;
    const bias = p[`${name}.bias`].data;
    return mapT4(y, (v, _n, o, yy, xx) => {
      const withNoise = opts.noiseMode === 'const' && noise ? v + noise[yy * res + xx] * strength : v;
      return clamp(lrelu(withNoise + bias[o], SQRT2), s.conv_clamp);
    });
  };
  const torgb = (x: T4, name: string, wl: number[][]): T4 => {
    const W = p[`${name}.weight`];
    const [O, I] = W.shape;
    const styles = fc(wl, p, `${name}.affine`, 1, 'linear').map((r) => r.map((v) => v / Math.sqrt(I)));
    const y = conv(x, (n, o, i) => W.data[o * I + i] * styles[n][i], O, 1, 0, 1);
    const bias = p[`${name}.bias`].data;
    return mapT4(y, (v, _n, o) => clamp(v + bias[o], s.conv_clamp));
  };

  const constT = p['synthesis.b4.const'];
  let x = zeros4(N, ch(4), 4, 4);
  for (let n = 0; n < N; n++) x.d.set(constT.data, n * constT.data.length);
  let img: T4 | null = null;
  let wi = 0;
  const wAtLayer = (l: number) => ws.map((r) => r[l]);
  for (let res = 4; res <= g.img_resolution; res *= 2) {
    if (res > 4) x = layer(x, `synthesis.b${res}.conv0`, wAtLayer(wi++), true, res);
    x = layer(x, `synthesis.b${res}.conv1`, wAtLayer(wi++), false, res);
    const y = torgb(x, `synthesis.b${res}.torgb`, wAtLayer(wi));
    if (img) {
      const upImg: T4 = upfirdn(img, taps, 2, 1, [2, 1, 2, 1], 4);
      img = mapT4(upImg, (v, n, cc, yy, xx) => v + at(y, n, cc, yy, xx));
    } else {
      img = y;
    }
  }
  return { ws, img: img! };
}

/** Official Discriminator.forward(img NCHW, c). Returns logits [N]. */
export function referenceDiscriminator(d: ResolvedDiscriminatorKwargs, p: Official, img: T4, c: number[][] | null): number[] {
  const taps = d.block_kwargs.resample_filter;
  const ch = (res: number) => Math.min(Math.floor(d.channel_base / res), d.channel_max);
  const convLayer = (x: T4, name: string, opts: { act: 'linear' | 'lrelu'; down: boolean; gain: number; clamp: number | null }): T4 => {
    const W = p[`${name}.weight`];
    const [O, I, k] = W.shape;
    const wg = 1 / Math.sqrt(I * k * k);
    const weightOf = (_n: number, o: number, i: number, ky: number, kx: number) => W.data[((o * I + i) * k + ky) * k + kx] * wg;
    let y: T4;
    if (opts.down && k === 1) y = conv(upfirdn(x, taps, 1, 2, [1, 1, 1, 1], 1), weightOf, O, 1, 0, 1);
    else if (opts.down) y = conv(upfirdn(x, taps, 1, 1, [2, 2, 2, 2], 1), weightOf, O, k, 0, 2);
    else y = conv(x, weightOf, O, k, (k - 1) / 2, 1);
    const bias = p[`${name}.bias`]?.data;
    const actGain = (opts.act === 'lrelu' ? SQRT2 : 1) * opts.gain;
    const cl = opts.clamp === null ? null : opts.clamp * opts.gain;
    return mapT4(y, (v, _n, o) => {
      const b = bias ? v + bias[o] : v;
      return clamp(opts.act === 'lrelu' ? lrelu(b, actGain) : b * actGain, cl);
    });
  };
  let x: T4 | null = null;
  for (let res = d.img_resolution; res > 4; res /= 2) {
    if (!x) x = convLayer(img, `b${res}.fromrgb`, { act: 'lrelu', down: false, gain: 1, clamp: d.conv_clamp });
    const skip = convLayer(x, `b${res}.skip`, { act: 'linear', down: true, gain: Math.SQRT1_2, clamp: null });
    const y0 = convLayer(x, `b${res}.conv0`, { act: 'lrelu', down: false, gain: 1, clamp: d.conv_clamp });
    const y1 = convLayer(y0, `b${res}.conv1`, { act: 'lrelu', down: true, gain: Math.SQRT1_2, clamp: d.conv_clamp });
    x = mapT4(skip, (v, n, cc, yy, xx) => v + at(y1, n, cc, yy, xx));
  }
  // minibatch stddev, official reshape(G, -1, F, c, H, W)
  const e = d.epilogue_kwargs;
  const N = x!.n;
  const G = e.mbstd_group_size === null ? N : Math.min(e.mbstd_group_size, N);
  const F = e.mbstd_num_channels;
  const C = x!.c;
  const cPer = C / F;
  const groups = N / G;
  const stat: number[][] = Array.from({ length: groups }, () => new Array<number>(F).fill(0));
  for (let j = 0; j < groups; j++)
    for (let f = 0; f < F; f++) {
      let acc = 0;
      for (let cc = 0; cc < cPer; cc++)
        for (let yy = 0; yy < 4; yy++)
          for (let xx = 0; xx < 4; xx++) {
            const vals = Array.from({ length: G }, (_, g) => at(x!, g * groups + j, f * cPer + cc, yy, xx));
            const mean = vals.reduce((a, v) => a + v, 0) / G;
            const variance = vals.reduce((a, v) => a + (v - mean) ** 2, 0) / G;
            acc += Math.sqrt(variance + 1e-8);
          }
      stat[j][f] = acc / (cPer * 16);
    }
  const withStd = zeros4(N, C + F, 4, 4);
  for (let n = 0; n < N; n++)
    for (let cc = 0; cc < C + F; cc++)
      for (let yy = 0; yy < 4; yy++)
        for (let xx = 0; xx < 4; xx++)
          withStd.d[((n * (C + F) + cc) * 4 + yy) * 4 + xx] = cc < C ? at(x!, n, cc, yy, xx) : stat[n % groups][cc - C];
  const conv4 = convLayer(withStd, 'b4.conv', { act: 'lrelu', down: false, gain: 1, clamp: d.conv_clamp });
  const flat = Array.from({ length: N }, (_, n) => Array.from(conv4.d.subarray(n * C * 16, (n + 1) * C * 16)));
  let out = fc(fc(flat, p, 'b4.fc', 1, 'lrelu'), p, 'b4.out', 1, 'linear');
  if (d.c_dim > 0) {
    const cmapDim = d.cmap_dim ?? ch(4);
    const cmap = mapping(p, 'mapping.', 0, d.c_dim, d.mapping_kwargs.num_layers, d.mapping_kwargs.lr_multiplier, null, c);
    out = out.map((row, n) => [row.reduce((a, v, i) => a + v * cmap[n][i], 0) / Math.sqrt(cmapDim)]);
  }
  return out.map((r) => r[0]);
}
