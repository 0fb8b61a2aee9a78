/**
 * Training-step parity against the official StyleGAN2-ADA loss phases: recompute
 * Gmain, Dmain and Dreg (R1) of a `train_cases.safetensors` (fixture layout, see
 * the fixture's README "One training step") with the trainer's own pass code
 * (`PassRunner`, train/passes.ts) and compare each phase's loss and the gradient
 * of every parameter, in official names and layouts.
 *
 * Everything is read from the file and the networks (names, shapes, batch,
 * resolution), nothing about the 32 px fixture is assumed. Tensor values are only
 * read asynchronously (`await t.data()`), so the check runs on backends without
 * synchronous downloads (webgpu).
 */
import * as tf from '@tensorflow/tfjs';
import type { Discriminator } from './discriminator';
import type { Generator } from './generator';
import { internalToOfficial, type TensorSpec } from './name-map';
import type { SafeTensor } from './safetensors';
import { PassRunner, type GenDraw, type PassRequest } from './train/passes';

export const TRAIN_PHASES = ['Gmain', 'Dmain', 'Dreg'] as const;
export type TrainPhase = (typeof TRAIN_PHASES)[number];

/** Pass/fail thresholds of the training check. */
export const TRAIN_TOLERANCE = {
  /** |loss − ref| / |ref| */
  lossRel: 1e-4,
  /** ‖g − ref‖ / ‖ref‖ over all of a phase's parameter gradients concatenated */
  gradRel: 1e-3,
  /** ‖g − ref‖ / ‖ref‖ of any single parameter gradient whose ‖ref‖ > tensorRefNormMin */
  tensorRel: 1e-2,
  tensorRefNormMin: 1e-6,
} as const;

export interface PhaseResult {
  phase: TrainPhase;
  loss: number;
  refLoss: number;
  lossAbsError: number;
  lossRelError: number;
  gradRelError: number;
  /** the parameter gradient with the largest relative error among those with ‖ref‖ > tensorRefNormMin */
  worst: { name: string; relError: number; refNorm: number } | null;
  /**
   * Set when a gradient missed a fixed limit: how far our own gradients move when the inputs
   * move by one float32 ulp (relative to ‖ref‖; for the phase and for the worst tensor). The
   * limits are then max(fixed limit, factor × spread): a gradient that one ulp of input moves
   * by 2 % cannot be compared closer than that, while a wrong gradient still fails.
   */
  ulpSpread: { phase: number; worstTensor: number; factor: number } | null;
  ok: boolean;
}

export interface TrainParityOptions {
  /** R1 γ (config.json → train_case.r1_gamma) */
  r1Gamma: number;
  onPhase?: (r: PhaseResult) => void;
  only?: (phase: TrainPhase) => boolean;
}

function need(cases: Record<string, SafeTensor>, key: string): SafeTensor {
  const t = cases[key];
  if (!t) throw new Error(`train_cases: ${key} missing`);
  return t;
}

/** NCHW → NHWC, as a flat array (a pure permutation; no tensor involved). */
export function nchwToNhwcData(data: Float32Array, shape: number[]): Float32Array {
  const [n, c, h, w] = shape;
  const out = new Float32Array(data.length);
  for (let b = 0; b < n; b++)
    for (let ch = 0; ch < c; ch++)
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) out[((b * h + y) * w + x) * c + ch] = data[((b * c + ch) * h + y) * w + x];
  return out;
}

/**
 * The generator's stored constant noise as explicit per-layer noise for batch n, in
 * G.noiseShapes(n) order. The synthesis numbers its noise inputs by conv layer in
 * layout order (b4.conv1, b8.conv0, b8.conv1, …), which is the order in which the
 * generator's specs list the `*.noise_const` buffers.
 */
export async function constNoise(G: Generator, n: number): Promise<Float32Array[]> {
  const shapes = G.noiseShapes(n);
  const names = G.specs.filter((s) => s.kind === 'buffer' && s.name.endsWith('.noise_const')).map((s) => s.name);
  // Without noise inputs (use_noise false) the synthesis ignores explicit noise.
  if (names.length === 0) return shapes.map(([b, h, w, c]) => new Float32Array(b * h * w * c));
  if (names.length !== shapes.length) throw new Error(`generator has ${names.length} noise_const buffers for ${shapes.length} noise inputs`);
  const out: Float32Array[] = [];
  for (let i = 0; i < shapes.length; i++) {
    const [, h, w] = shapes[i];
    const buf = G.buffers[names[i]];
    if (buf.size !== h * w) throw new Error(`${names[i]}: ${buf.size} values for noise input ${i} of ${h}×${w}`);
    const one = (await buf.data()) as Float32Array;
    const all = new Float32Array(n * h * w);
    for (let b = 0; b < n; b++) all.set(one, b * h * w);
    out.push(all);
  }
  return out;
}

/** A pass's gradients in official layouts, by parameter name (zeros where the tape gave none). */
async function officialGrads(specs: TensorSpec[], grads: Record<string, tf.Tensor>): Promise<Map<string, Float32Array>> {
  const out = new Map<string, Float32Array>();
  for (const spec of specs.filter((s) => s.kind === 'param')) {
    const g = grads[spec.name];
    if (!g) {
      out.set(spec.name, new Float32Array(spec.officialShape.reduce((a, b) => a * b, 1)));
      continue;
    }
    const official = internalToOfficial(spec, g);
    try {
      out.set(spec.name, Float32Array.from(await official.data()));
    } finally {
      official.dispose();
    }
  }
  return out;
}

/** Σ(a − b)² and Σb². */
function sqDiff(a: Float32Array, b: Float32Array): [number, number] {
  let d = 0;
  let r = 0;
  for (let i = 0; i < a.length; i++) {
    const e = a[i] - b[i];
    d += e * e;
    r += b[i] * b[i];
  }
  return [Number.isFinite(d) ? d : Infinity, r];
}

interface GradComparison {
  gradRelError: number;
  worst: PhaseResult['worst'];
  /** per tensor ‖g − ref‖ / ‖ref‖ (tensors with ‖ref‖ > tensorRefNormMin) */
  perTensor: Map<string, number>;
}

/** Compare our official-layout gradients with the reference `<phase>.grad.<name>`. */
function compareGrads(phase: TrainPhase, ours: Map<string, Float32Array>, cases: Record<string, SafeTensor>): GradComparison {
  const prefix = `${phase}.grad.`;
  const unknown = Object.keys(cases).filter((k) => k.startsWith(prefix) && !ours.has(k.slice(prefix.length)));
  if (unknown.length) throw new Error(`train_cases: ${unknown.slice(0, 5).join(', ')} name no parameter of the network`);
  let diffSq = 0;
  let refSq = 0;
  let worst: PhaseResult['worst'] = null;
  const perTensor = new Map<string, number>();
  for (const [name, g] of ours) {
    const ref = need(cases, prefix + name);
    if (g.length !== ref.data.length) throw new Error(`${prefix}${name}: ${g.length} values, reference has ${ref.data.length}`);
    const [d, r] = sqDiff(g, ref.data);
    diffSq += d;
    refSq += r;
    const refNorm = Math.sqrt(r);
    if (refNorm > TRAIN_TOLERANCE.tensorRefNormMin) {
      const relError = Math.sqrt(d) / refNorm;
      perTensor.set(name, relError);
      if (!worst || !(relError <= worst.relError)) worst = { name, relError, refNorm };
    }
  }
  return { gradRelError: Math.sqrt(diffSq) / Math.max(Math.sqrt(refSq), 1e-30), worst, perTensor };
}

/**
 * How far our own gradients move when the inputs move by one float32 ulp (relative to ‖ref‖):
 * the float32 noise floor of each tensor on this backend. Some gradients of a random network are
 * sums of many cancelling terms through leaky-ReLU kinks (a noise strength sums a whole feature
 * map), so one ulp of input already moves them by more than the fixed limits; no float32
 * implementation, the official one included, can be compared with another closer than that.
 */
async function ulpSpread(
  phase: TrainPhase,
  base: Map<string, Float32Array>,
  rerun: (scale: (data: Float32Array, k: number) => Float32Array) => Promise<Map<string, Float32Array>>,
  cases: Record<string, SafeTensor>,
): Promise<{ phase: number; perTensor: Map<string, number> }> {
  const prefix = `${phase}.grad.`;
  const perTensor = new Map<string, number>();
  let phaseSpread = 0;
  for (let k = 0; k < ULP_RUNS; k++) {
    // x·(1 ± 2⁻²³), the sign varying with the element: one ulp, in a pattern per run.
    const moved = await rerun((data, run) => data.map((v, i) => v * (1 + (Math.sin(i * 12.9898 + run * 78.233) > 0 ? 1 : -1) * 2 ** -23)));
    let d = 0;
    let r = 0;
    for (const [name, g] of moved) {
      const ref = need(cases, prefix + name).data;
      const [dt] = sqDiff(g, base.get(name)!);
      const rt = sqDiff(ref, ref)[1];
      d += dt;
      r += rt;
      const refNorm = Math.sqrt(rt);
      if (refNorm > TRAIN_TOLERANCE.tensorRefNormMin) perTensor.set(name, Math.max(perTensor.get(name) ?? 0, Math.sqrt(dt) / refNorm));
    }
    phaseSpread = Math.max(phaseSpread, Math.sqrt(d) / Math.max(Math.sqrt(r), 1e-30));
    void k;
  }
  return { phase: phaseSpread, perTensor };
}

/** Perturbed re-runs measured when a phase misses the fixed gradient limits. */
const ULP_RUNS = 3;
/** A gradient passes within this many times its own one-ulp spread. */
const ULP_FACTOR = 3;

/**
 * Run the three official loss phases on (G, D) with the train case's inputs through
 * PassRunner (batch = rows of z, R1 interval 1, no path-length term, no augmentation,
 * no style mixing, the generator's constant noise) and compare with the reference.
 * G and D are not modified.
 */
export async function runTrainParity(
  G: Generator,
  D: Discriminator,
  cases: Record<string, SafeTensor>,
  opts: TrainParityOptions,
): Promise<PhaseResult[]> {
  const z = need(cases, 'z');
  const reals = need(cases, 'reals');
  const n = z.shape[0];
  if (z.shape.length !== 2 || z.shape[1] !== G.config.z_dim) throw new Error(`train_cases: z is [${z.shape}], the generator takes [N, ${G.config.z_dim}]`);
  const res = D.config.img_resolution;
  const ch = D.config.img_channels;
  if (reals.shape.join() !== [n, ch, res, res].join()) throw new Error(`train_cases: reals is [${reals.shape}], expected [${[n, ch, res, res]}] (NCHW)`);
  if (!(opts.r1Gamma >= 0)) throw new Error(`R1 gamma must be a number ≥ 0, got ${opts.r1Gamma}`);

  const gen: GenDraw = { n, z: Float32Array.from(z.data), z2: null, cutoff: G.numWs, noise: await constNoise(G, n) };
  const real = nchwToNhwcData(reals.data, reals.shape);
  const runner = new PassRunner(G, D, { batch: n, gamma: opts.r1Gamma, r1Interval: 1, plWeight: 0, plInterval: 1 }, Object.keys(D.params));
  const requests: Record<TrainPhase, PassRequest> = {
    Gmain: { phase: 'gMain', gen, aug: null },
    Dmain: { phase: 'dMain', gen, real, augFake: null, augReal: null },
    Dreg: { phase: 'dR1', real, aug: null },
  };

  const results: PhaseResult[] = [];
  let spreadRun = 0;
  for (const phase of TRAIN_PHASES) {
    if (opts.only && !opts.only(phase)) continue;
    const refLoss = need(cases, `${phase}.loss`).data[0];
    // PassRunner.run may return a promise (pass threads, async backends): always await it.
    const specs = phase === 'Gmain' ? G.specs : D.specs;
    const runPhase = async (req: PassRequest) => {
      const out = await runner.run(req);
      try {
        return { value: out.value, grads: await officialGrads(specs, out.grads) };
      } finally {
        tf.dispose(Object.values(out.grads));
      }
    };
    const { value: loss, grads } = await runPhase(requests[phase]);
    const cmp = compareGrads(phase, grads, cases);
    const lossAbsError = Math.abs(loss - refLoss);
    const lossRelError = Number.isFinite(lossAbsError) ? lossAbsError / Math.max(Math.abs(refLoss), 1e-30) : Infinity;
    const lossOk = lossRelError <= TRAIN_TOLERANCE.lossRel;
    let gradTol: number = TRAIN_TOLERANCE.gradRel;
    let tensorTol = (_name: string): number => TRAIN_TOLERANCE.tensorRel;
    let spread: PhaseResult['ulpSpread'] = null;
    const gradsOk = () =>
      cmp.gradRelError <= gradTol && [...cmp.perTensor].every(([name, e]) => e <= tensorTol(name));
    if (lossOk && Number.isFinite(cmp.gradRelError) && !gradsOk()) {
      // Over a fixed limit: measure this backend's own float32 noise floor for the phase.
      const moved = await ulpSpread(phase, grads, async (scale) => {
        const run = (k: number): PassRequest => {
          const req = requests[phase];
          const g = { ...gen, z: scale(gen.z, k) };
          if (req.phase === 'gMain') return { ...req, gen: g };
          if (req.phase === 'dMain') return { ...req, gen: g, real: scale(real, k + 7) };
          return { ...req, real: scale(real, k + 7) } as PassRequest;
        };
        return (await runPhase(run(spreadRun++))).grads;
      }, cases);
      gradTol = Math.max(TRAIN_TOLERANCE.gradRel, ULP_FACTOR * moved.phase);
      tensorTol = (name) => Math.max(TRAIN_TOLERANCE.tensorRel, ULP_FACTOR * (moved.perTensor.get(name) ?? 0));
      spread = { phase: moved.phase, worstTensor: cmp.worst ? (moved.perTensor.get(cmp.worst.name) ?? 0) : 0, factor: ULP_FACTOR };
    }
    const ok = lossOk && gradsOk();
    const r: PhaseResult = { phase, loss, refLoss, lossAbsError, lossRelError, gradRelError: cmp.gradRelError, worst: cmp.worst, ulpSpread: spread, ok };
    results.push(r);
    opts.onPhase?.(r);
  }
  return results;
}
