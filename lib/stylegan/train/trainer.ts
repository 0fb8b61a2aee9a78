/**
 * One StyleGAN2-ADA training step (official training_loop + StyleGAN2Loss):
 *
 *   Gmain  softplus(−D(aug(G(z))))                          every step
 *   Greg   path-length penalty · pl_weight · pl_interval      every pl_interval steps (if pl_weight > 0)
 *   Dmain  softplus(D(aug(G(z)))) + softplus(−D(aug(x)))    every step
 *   Dreg   ‖∇ₓ D(aug(x))‖² · γ/2 · r1_interval                every r1_interval steps (lazy R1)
 *
 * then the G_ema update, and every ada_interval steps the ADA adjustment of p.
 * R1 is taken with respect to the un-augmented reals, through the (twice
 * differentiable) augmentation, as the official code does. Each phase splits
 * the batch into passes of `batchGpu` images and sums their gradients before
 * one Adam step, so a large batch still fits the wasm heap.
 *
 * Every random number comes from named Rng streams whose states are saved with
 * the checkpoint, so a resumed run continues bit for bit.
 */
import * as tf from '@tensorflow/tfjs';
import type { Discriminator } from '../discriminator';
import type { Generator } from '../generator';
import { Adam, OFFICIAL_ADAM, lazyRegularizationAdam, type AdamOptions } from './adam';
import { AdaController, DEFAULT_AUGMENT_SPEC, applyAugment, sampleAugmentParams, type AugmentParams, type AugmentSpec } from './augment';
import { BatchSampler, getBatch, type ImageDataset, type SamplerState } from './dataset';
import { emaBeta, frozenDiscriminatorParams, updateEma, type Networks } from './networks';
import { Rng, type RngState } from './rng';

export interface TrainerSettings {
  batch: number;
  batchGpu: number;
  gamma: number;
  r1Interval: number;
  plWeight: number;
  plInterval: number;
  plBatchShrink: number;
  plDecay: number;
  styleMixing: number;
  emaKimg: number;
  emaRampup: number | null;
  glr: number;
  dlr: number;
  aug: 'ada' | 'fixed' | 'noaug';
  p: number;
  target: number;
  adaKimg: number;
  adaInterval: number;
  augSpec: AugmentSpec;
  freezed: number;
  seed: number;
}

/** Named random streams; batch order has its own ('data'), owned and saved by the sampler. */
const STREAMS = ['latents', 'mixing', 'noise', 'augment', 'pl'] as const;
type StreamName = (typeof STREAMS)[number];

/** Everything besides tensors that a resumed run needs. */
export interface TrainerState {
  curNimg: number;
  batchIdx: number;
  rng: Record<StreamName, RngState>;
  sampler: SamplerState;
  ada: { p: number; signSum: number; count: number };
  adamSteps: { G: number; D: number };
  plMean: number;
}

/** Sums of per-step statistics since the last call to takeStats(). */
export interface StepStats {
  steps: number;
  lossG: number;
  lossDreal: number;
  lossDfake: number;
  r1Penalty: number;
  r1Steps: number;
  plPenalty: number;
  plSteps: number;
  realSign: number;
  realCount: number;
}

const emptyStats = (): StepStats => ({
  steps: 0,
  lossG: 0,
  lossDreal: 0,
  lossDfake: 0,
  r1Penalty: 0,
  r1Steps: 0,
  plPenalty: 0,
  plSteps: 0,
  realSign: 0,
  realCount: 0,
});

function addGrads(acc: Record<string, tf.Tensor>, grads: tf.NamedTensorMap): void {
  for (const [name, g] of Object.entries(grads)) {
    if (acc[name]) {
      const sum = tf.add(acc[name], g);
      acc[name].dispose();
      g.dispose();
      acc[name] = sum;
    } else {
      acc[name] = g;
    }
  }
}

export class Trainer {
  readonly G: Generator;
  readonly G_ema: Generator;
  readonly D: Discriminator;
  readonly optG: Adam;
  readonly optD: Adam;
  readonly ada: AdaController;
  curNimg = 0;
  batchIdx = 0;
  plMean = 0;
  private rng: Record<StreamName, Rng>;
  private sampler: BatchSampler;
  private stats = emptyStats();
  /** tf variable name → parameter name, for mapping variableGrads results. */
  private readonly gVars: { vars: tf.Variable[]; names: Map<string, string> };
  private readonly dVars: { vars: tf.Variable[]; names: Map<string, string> };
  readonly frozen: Set<string>;

  constructor(
    readonly nets: Networks,
    readonly data: ImageDataset,
    readonly s: TrainerSettings,
  ) {
    this.G = nets.G;
    this.G_ema = nets.G_ema;
    this.D = nets.D;
    if (s.batch % s.batchGpu !== 0) throw new Error(`batch ${s.batch} is not a multiple of batch-gpu ${s.batchGpu}`);
    const group = this.D.config.epilogue_kwargs.mbstd_group_size;
    const g = group === null ? s.batchGpu : Math.min(group, s.batchGpu);
    if (s.batchGpu % g !== 0) {
      throw new Error(`batch-gpu ${s.batchGpu} is not a multiple of the discriminator's minibatch-stddev group size ${group}`);
    }
    if (s.plWeight > 0 && Math.floor(s.batchGpu / s.plBatchShrink) < 1) throw new Error('batch-gpu too small for pl_batch_shrink');
    this.frozen = frozenDiscriminatorParams(this.D, s.freezed);
    const trainableD = Object.fromEntries(Object.entries(this.D.params).filter(([n]) => !this.frozen.has(n)));
    const base = (lr: number): AdamOptions => ({ ...OFFICIAL_ADAM, lr });
    this.optG = new Adam(this.G.params, lazyRegularizationAdam(base(s.glr), s.plWeight > 0 ? s.plInterval : null));
    this.optD = new Adam(trainableD, lazyRegularizationAdam(base(s.dlr), s.gamma > 0 ? s.r1Interval : null));
    this.gVars = this.varList(this.G.params);
    this.dVars = this.varList(trainableD);
    this.ada = new AdaController(s.aug === 'noaug' ? 0 : s.p, s.target, s.adaInterval, s.adaKimg);
    const root = Rng.fromSeed(s.seed);
    this.rng = Object.fromEntries(STREAMS.map((n) => [n, root.fork(n)])) as Record<StreamName, Rng>;
    this.sampler = BatchSampler.create(data.size, root.fork('data'));
  }

  private varList(params: Record<string, tf.Variable>) {
    const names = new Map<string, string>();
    const vars: tf.Variable[] = [];
    for (const [name, v] of Object.entries(params)) {
      names.set(v.name, name);
      vars.push(v);
    }
    return { vars, names };
  }

  private byParamName(grads: tf.NamedTensorMap, names: Map<string, string>): Record<string, tf.Tensor> {
    const out: Record<string, tf.Tensor> = {};
    for (const [varName, g] of Object.entries(grads)) out[names.get(varName)!] = g;
    return out;
  }

  get augmentP(): number {
    return this.s.aug === 'noaug' ? 0 : this.ada.p;
  }

  // ---------------------------------------------------------------- inputs

  private latents(n: number): tf.Tensor2D {
    return tf.tensor2d(this.rng.latents.normalArray(n * this.G.config.z_dim), [n, this.G.config.z_dim]);
  }

  private noise(n: number): tf.Tensor[] {
    return this.G.noiseShapes(n).map((shape) => tf.tensor4d(this.rng.noise.normalArray(shape.reduce((a, b) => a * b, 1)), shape));
  }

  /** Style-mixing cutoff for one pass: numWs (no mixing) or a layer in [1, numWs). */
  private mixingCutoff(): number {
    const numWs = this.G.numWs;
    if (this.s.styleMixing <= 0 || numWs < 2) return numWs;
    const cutoff = 1 + this.rng.mixing.int(numWs - 1);
    return this.rng.mixing.uniform() < this.s.styleMixing ? cutoff : numWs;
  }

  private augParams(n: number): AugmentParams | null {
    const p = this.augmentP;
    if (p <= 0) return null;
    return sampleAugmentParams(this.rng.augment, n, this.data.resolution, p, this.s.augSpec);
  }

  /** Everything random that one generator pass needs, drawn in a fixed order. */
  private genInputs(n: number) {
    const z = this.latents(n);
    const cutoff = this.mixingCutoff();
    const z2 = cutoff < this.G.numWs ? tf.tensor2d(this.rng.mixing.normalArray(n * this.G.config.z_dim), [n, this.G.config.z_dim]) : null;
    const noise = this.noise(n);
    return { z, z2, cutoff, noise, dispose: () => tf.dispose([z, ...(z2 ? [z2] : []), ...noise]) };
  }

  /** run_G: mapping (updating w_avg), style mixing, synthesis with explicit noise. */
  private runG(inp: ReturnType<Trainer['genInputs']>, updateWAvg: boolean): tf.Tensor4D {
    const G = this.G;
    const n = inp.z.shape[0];
    const wDim = G.config.w_dim;
    const w = G.mapW(inp.z);
    if (updateWAvg && G.wAvg) G.updateWAvg(w);
    let ws = tf.tile(tf.reshape(w, [n, 1, wDim]), [1, inp.cutoff, 1]) as tf.Tensor3D;
    if (inp.z2) {
      const w2 = G.mapW(inp.z2);
      const tail = tf.tile(tf.reshape(w2, [n, 1, wDim]), [1, G.numWs - inp.cutoff, 1]);
      ws = tf.concat([ws, tail], 1) as tf.Tensor3D;
    }
    return G.synthesis(ws, { noiseMode: 'random', noise: inp.noise });
  }

  private runD(img: tf.Tensor4D, aug: AugmentParams | null): tf.Tensor2D {
    return this.D.call(aug ? applyAugment(img, aug) : img);
  }

  // ---------------------------------------------------------------- phases

  private gMain(): void {
    const { batch, batchGpu } = this.s;
    const acc: Record<string, tf.Tensor> = {};
    for (let pass = 0; pass < batch / batchGpu; pass++) {
      const inp = this.genInputs(batchGpu);
      const aug = this.augParams(batchGpu);
      const { value, grads } = tf.variableGrads(() => {
        const logits = this.runD(this.runG(inp, true), aug);
        return tf.div(tf.sum(tf.softplus(tf.neg(logits))), batch) as tf.Scalar;
      }, this.gVars.vars);
      this.stats.lossG += value.dataSync()[0];
      value.dispose();
      inp.dispose();
      addGrads(acc, this.byParamName(grads, this.gVars.names));
    }
    this.optG.apply(acc);
    tf.dispose(Object.values(acc));
  }

  private gPathLength(): void {
    const { batch, batchGpu, plBatchShrink, plWeight, plInterval, plDecay } = this.s;
    const n = Math.floor(batchGpu / plBatchShrink);
    const passes = batch / batchGpu;
    const acc: Record<string, tf.Tensor> = {};
    let lengthSum = 0;
    const res = this.data.resolution;
    // pl_mean follows the mean over the whole phase; penalties use the value from before it.
    const plMean = this.plMean;
    let penaltySum = 0;
    for (let pass = 0; pass < passes; pass++) {
      const inp = this.genInputs(n);
      const plNoise = tf.tensor4d(this.rng.pl.normalArray(n * res * res * 3, 1 / res), [n, res, res, 3]);
      const lengths: tf.Tensor[] = [];
      const { value, grads } = tf.variableGrads(() => {
        const G = this.G;
        const w = G.mapW(inp.z);
        const wDim = G.config.w_dim;
        const ws0 = tf.tile(tf.reshape(w, [n, 1, wDim]), [1, G.numWs, 1]) as tf.Tensor3D;
        const gradWs = tf.grad((ws: tf.Tensor) => tf.sum(tf.mul(G.synthesis(ws as tf.Tensor3D, { noiseMode: 'random', noise: inp.noise }), plNoise)))(ws0);
        const plLengths = tf.sqrt(tf.mean(tf.sum(tf.square(gradWs), 2), 1)); // [n]
        lengths.push(tf.keep(plLengths));
        const penalty = tf.square(tf.sub(plLengths, plMean));
        return tf.div(tf.mul(tf.sum(penalty), plWeight * plInterval), n * passes) as tf.Scalar;
      }, this.gVars.vars);
      const l = lengths[0].dataSync();
      for (const v of l) lengthSum += v;
      penaltySum += value.dataSync()[0];
      tf.dispose([value, plNoise, ...lengths]);
      inp.dispose();
      addGrads(acc, this.byParamName(grads, this.gVars.names));
    }
    this.plMean = plMean + (lengthSum / (n * passes) - plMean) * plDecay;
    this.stats.plPenalty += penaltySum;
    this.stats.plSteps += 1;
    this.optG.apply(acc);
    tf.dispose(Object.values(acc));
  }

  private dMain(reals: Float32Array): void {
    const { batch, batchGpu } = this.s;
    const res = this.data.resolution;
    const per = res * res * 3;
    const acc: Record<string, tf.Tensor> = {};
    for (let pass = 0; pass < batch / batchGpu; pass++) {
      const inp = this.genInputs(batchGpu);
      const fake = tf.tidy(() => this.runG(inp, true)); // no gradient into G in the D phase
      inp.dispose();
      const real = tf.tensor4d(reals.subarray(pass * batchGpu * per, (pass + 1) * batchGpu * per), [batchGpu, res, res, 3]);
      const augFake = this.augParams(batchGpu);
      const augReal = this.augParams(batchGpu);
      const kept: tf.Tensor[] = [];
      const { value, grads } = tf.variableGrads(() => {
        const lossFake = tf.sum(tf.softplus(this.runD(fake, augFake)));
        const realLogits = this.runD(real, augReal);
        const lossReal = tf.sum(tf.softplus(tf.neg(realLogits)));
        kept.push(tf.keep(realLogits), tf.keep(lossFake), tf.keep(lossReal));
        return tf.div(tf.add(lossFake, lossReal), batch) as tf.Scalar;
      }, this.dVars.vars);
      const [realLogits, lossFake, lossReal] = kept;
      const logits = realLogits.dataSync();
      this.ada.accumulate(logits);
      for (const v of logits) this.stats.realSign += Math.sign(v);
      this.stats.realCount += logits.length;
      this.stats.lossDfake += lossFake.dataSync()[0] / batch;
      this.stats.lossDreal += lossReal.dataSync()[0] / batch;
      tf.dispose([value, fake, real, ...kept]);
      addGrads(acc, this.byParamName(grads, this.dVars.names));
    }
    this.optD.apply(acc);
    tf.dispose(Object.values(acc));
  }

  private dR1(reals: Float32Array): void {
    const { batch, batchGpu, gamma, r1Interval } = this.s;
    const res = this.data.resolution;
    const per = res * res * 3;
    const acc: Record<string, tf.Tensor> = {};
    let penaltySum = 0;
    for (let pass = 0; pass < batch / batchGpu; pass++) {
      const real = tf.tensor4d(reals.subarray(pass * batchGpu * per, (pass + 1) * batchGpu * per), [batchGpu, res, res, 3]);
      const aug = this.augParams(batchGpu);
      const kept: tf.Tensor[] = [];
      const { value, grads } = tf.variableGrads(() => {
        const gradX = tf.grad((x: tf.Tensor) => {
          const logits = this.runD(x as tf.Tensor4D, aug);
          kept.push(tf.keep(logits));
          return tf.sum(logits);
        })(real);
        const penalty = tf.sum(tf.square(gradX)); // Σ over the pass of ‖∇ₓD‖²
        kept.push(tf.keep(penalty));
        return tf.div(tf.mul(penalty, (gamma / 2) * r1Interval), batch) as tf.Scalar;
      }, this.dVars.vars);
      const [logitsT, penalty] = kept;
      const logits = logitsT.dataSync();
      this.ada.accumulate(logits);
      penaltySum += penalty.dataSync()[0];
      tf.dispose([value, real, ...kept]);
      addGrads(acc, this.byParamName(grads, this.dVars.names));
    }
    this.stats.r1Penalty += penaltySum / batch;
    this.stats.r1Steps += 1;
    this.optD.apply(acc);
    tf.dispose(Object.values(acc));
  }

  /** One full training step over `batch` real images. */
  step(): void {
    const reals = getBatch(this.data, this.sampler.next(this.s.batch));
    this.gMain();
    if (this.s.plWeight > 0 && this.batchIdx % this.s.plInterval === 0) this.gPathLength();
    this.dMain(reals);
    if (this.s.gamma > 0 && this.batchIdx % this.s.r1Interval === 0) this.dR1(reals);

    updateEma(this.G, this.G_ema, emaBeta(this.s.emaKimg, this.s.emaRampup, this.curNimg, this.s.batch));
    this.curNimg += this.s.batch;
    this.batchIdx += 1;
    if (this.s.aug === 'ada') this.ada.step(this.batchIdx - 1, this.s.batch);
    this.stats.steps += 1;
  }

  /** Per-step averages since the previous call. */
  takeStats() {
    const st = this.stats;
    this.stats = emptyStats();
    const avg = (v: number, n: number) => (n > 0 ? v / n : null);
    return {
      steps: st.steps,
      lossG: avg(st.lossG, st.steps),
      lossDreal: avg(st.lossDreal, st.steps),
      lossDfake: avg(st.lossDfake, st.steps),
      r1Penalty: avg(st.r1Penalty, st.r1Steps),
      plPenalty: avg(st.plPenalty, st.plSteps),
      realSignMean: avg(st.realSign, st.realCount),
    };
  }

  getState(): TrainerState {
    return {
      curNimg: this.curNimg,
      batchIdx: this.batchIdx,
      rng: Object.fromEntries(STREAMS.map((n) => [n, this.rng[n].getState()])) as Record<StreamName, RngState>,
      sampler: this.sampler.getState(),
      ada: this.ada.getState(),
      adamSteps: { G: this.optG.step, D: this.optD.step },
      plMean: this.plMean,
    };
  }

  /** Restores counters and random streams (tensors are restored separately). */
  setState(state: TrainerState): void {
    this.curNimg = state.curNimg;
    this.batchIdx = state.batchIdx;
    this.rng = Object.fromEntries(STREAMS.map((n) => [n, Rng.fromState(state.rng[n])])) as Record<StreamName, Rng>;
    this.sampler = BatchSampler.fromState(this.data.size, state.sampler);
    this.ada.setState(state.ada);
    this.plMean = state.plMean;
  }

  /** Optimizer moments, prefixed 'G.' / 'D.' (caller disposes). */
  optimizerTensors(): Record<string, tf.Tensor> {
    const out: Record<string, tf.Tensor> = {};
    for (const [prefix, opt] of [
      ['G.', this.optG],
      ['D.', this.optD],
    ] as const) {
      for (const [k, t] of Object.entries(opt.getState().tensors)) out[prefix + k] = t;
    }
    return out;
  }

  restoreOptimizers(tensors: Record<string, tf.Tensor>, steps: { G: number; D: number }): void {
    for (const [prefix, opt, step] of [
      ['G.', this.optG, steps.G],
      ['D.', this.optD, steps.D],
    ] as const) {
      const own: Record<string, tf.Tensor> = {};
      for (const [k, t] of Object.entries(tensors)) if (k.startsWith(prefix)) own[k.slice(prefix.length)] = t;
      opt.setState({ step, tensors: own });
    }
  }

  dispose(): void {
    this.optG.dispose();
    this.optD.dispose();
  }
}

export { DEFAULT_AUGMENT_SPEC };
