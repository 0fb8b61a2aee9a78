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
import { assertBackendAlive, backendEpoch } from '../backend';
import type { Discriminator } from '../discriminator';
import type { Generator } from '../generator';
import { Adam, OFFICIAL_ADAM, lazyRegularizationAdam, type AdamOptions } from './adam';
import { AdaController, DEFAULT_AUGMENT_SPEC, sampleAugmentParams, type AugmentParams, type AugmentSpec } from './augment';
import { BatchSampler, getBatch, type ImageDataset, type SamplerState } from './dataset';
import { emaBeta, frozenDiscriminatorParams, updateEma, type Networks } from './networks';
import { PassThreads } from './pass-threads';
import { PassRunner, type GenDraw, type PassOutput, type PassRequest } from './passes';
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
  private readonly runner: PassRunner;
  /** Extra threads that run every other pass (startThreads); null: all passes on this one. */
  private threads: PassThreads | null = null;
  private readonly trainableD: Record<string, tf.Variable>;
  readonly frozen: Set<string>;
  /** Device losses before this trainer's tensors were made (a later loss fails the step). */
  private readonly epoch = backendEpoch();

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
    this.trainableD = trainableD;
    this.runner = new PassRunner(this.G, this.D, s, Object.keys(trainableD));
    this.ada = new AdaController(s.aug === 'noaug' ? 0 : s.p, s.target, s.adaInterval, s.adaKimg);
    const root = Rng.fromSeed(s.seed);
    this.rng = Object.fromEntries(STREAMS.map((n) => [n, root.fork(n)])) as Record<StreamName, Rng>;
    this.sampler = BatchSampler.create(data.size, root.fork('data'));
  }

  /**
   * Runs passes on `extra` more threads as well (data parallel: each needs batch/batchGpu ≥ 2
   * passes per phase to help). Results do not depend on it: every pass sees the same inputs
   * and weights, and gradients are summed in pass order.
   */
  async startThreads(extra: number, backend: string): Promise<void> {
    if (extra <= 0 || this.threads) return;
    const arrays = async (tensors: Record<string, tf.Tensor>) => {
      const out: Record<string, { data: Float32Array; shape: number[] }> = {};
      for (const [name, t] of Object.entries(tensors)) out[name] = { data: (await t.data()) as Float32Array, shape: t.shape };
      tf.dispose(Object.values(tensors));
      return out;
    };
    this.threads = await PassThreads.start(extra, {
      backend,
      config: this.nets.config,
      settings: this.s,
      trainableD: Object.keys(this.trainableD),
      G: await arrays(this.G.toTensors()),
      D: await arrays(this.D.toTensors()),
    });
  }

  get augmentP(): number {
    return this.s.aug === 'noaug' ? 0 : this.ada.p;
  }

  // ---------------------------------------------------------------- inputs

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
  private drawGen(n: number): GenDraw {
    const zDim = this.G.config.z_dim;
    const z = this.rng.latents.normalArray(n * zDim);
    const cutoff = this.mixingCutoff();
    const z2 = cutoff < this.G.numWs ? this.rng.mixing.normalArray(n * zDim) : null;
    const noise = this.G.noiseShapes(n).map((shape) => this.rng.noise.normalArray(shape.reduce((a, b) => a * b, 1)));
    return { n, z, z2, cutoff, noise };
  }

  // ---------------------------------------------------------------- phases

  /**
   * Runs one phase's passes — pass k on thread k mod (threads + 1), 0 being this one — then,
   * in pass order, tracks w_avg, sums the gradients and hands back the outputs. The order
   * makes the result independent of how many threads ran it.
   */
  private async runPhase(reqs: PassRequest[], net: 'G' | 'D'): Promise<{ grads: Record<string, tf.Tensor>; outs: PassOutput<unknown>[] }> {
    const lanes = (this.threads?.size ?? 0) + 1;
    for (let k = 0; k < reqs.length; k++) if (k % lanes !== 0) this.threads!.submit((k % lanes) - 1, reqs[k]);
    const local = new Map<number, PassOutput<tf.Tensor>>();
    for (let k = 0; k < reqs.length; k += lanes) local.set(k, await this.runner.run(reqs[k]));
    const params = net === 'G' ? this.G.params : this.D.params;
    const acc: Record<string, tf.Tensor> = {};
    const outs: PassOutput<unknown>[] = [];
    for (let k = 0; k < reqs.length; k++) {
      let grads: Record<string, tf.Tensor>;
      let out: PassOutput<unknown>;
      if (k % lanes === 0) {
        out = local.get(k)!;
        grads = (out as PassOutput<tf.Tensor>).grads;
      } else {
        const remote = this.threads!.collect((k % lanes) - 1);
        grads = Object.fromEntries(Object.entries(remote.grads).map(([name, a]) => [name, tf.tensor(a, params[name].shape, 'float32')]));
        out = remote;
      }
      for (const w of out.ws) {
        const t = tf.tensor2d(w, [w.length / this.G.config.w_dim, this.G.config.w_dim]);
        this.G.updateWAvg(t);
        t.dispose();
      }
      addGrads(acc, grads);
      outs.push(out);
    }
    return { grads: acc, outs };
  }

  private async applyStep(net: 'G' | 'D', grads: Record<string, tf.Tensor>): Promise<void> {
    (net === 'G' ? this.optG : this.optD).apply(grads);
    tf.dispose(Object.values(grads));
    if (this.threads) await this.threads.syncWeights(net, net === 'G' ? this.G.params : this.trainableD);
  }

  private passCount(): number {
    return this.s.batch / this.s.batchGpu;
  }

  private async gMain(): Promise<void> {
    const { batchGpu } = this.s;
    const reqs: PassRequest[] = [];
    for (let pass = 0; pass < this.passCount(); pass++) reqs.push({ phase: 'gMain', gen: this.drawGen(batchGpu), aug: this.augParams(batchGpu) });
    const { grads, outs } = await this.runPhase(reqs, 'G');
    for (const o of outs) this.stats.lossG += o.value;
    await this.applyStep('G', grads);
  }

  private async gPathLength(): Promise<void> {
    const { batchGpu, plBatchShrink, plDecay } = this.s;
    const n = Math.floor(batchGpu / plBatchShrink);
    const passes = this.passCount();
    const res = this.data.resolution;
    // pl_mean follows the mean over the whole phase; penalties use the value from before it.
    const plMean = this.plMean;
    const reqs: PassRequest[] = [];
    for (let pass = 0; pass < passes; pass++) {
      const gen = this.drawGen(n);
      reqs.push({ phase: 'gPl', gen, plNoise: this.rng.pl.normalArray(n * res * res * 3, 1 / res), plMean, passes });
    }
    const { grads, outs } = await this.runPhase(reqs, 'G');
    let lengthSum = 0;
    let penaltySum = 0;
    for (const o of outs) {
      for (const v of o.plLengths!) lengthSum += v;
      penaltySum += o.value;
    }
    this.plMean = plMean + (lengthSum / (n * passes) - plMean) * plDecay;
    this.stats.plPenalty += penaltySum;
    this.stats.plSteps += 1;
    await this.applyStep('G', grads);
  }

  private async dMain(reals: Float32Array): Promise<void> {
    const { batch, batchGpu } = this.s;
    const per = this.data.resolution * this.data.resolution * 3;
    const reqs: PassRequest[] = [];
    for (let pass = 0; pass < this.passCount(); pass++) {
      const gen = this.drawGen(batchGpu);
      const real = reals.slice(pass * batchGpu * per, (pass + 1) * batchGpu * per);
      const augFake = this.augParams(batchGpu);
      const augReal = this.augParams(batchGpu);
      reqs.push({ phase: 'dMain', gen, real, augFake, augReal });
    }
    const { grads, outs } = await this.runPhase(reqs, 'D');
    for (const o of outs) {
      const logits = o.realLogits!;
      this.ada.accumulate(logits);
      for (const v of logits) this.stats.realSign += Math.sign(v);
      this.stats.realCount += logits.length;
      this.stats.lossDfake += o.lossFake! / batch;
      this.stats.lossDreal += o.lossReal! / batch;
    }
    await this.applyStep('D', grads);
  }

  private async dR1(reals: Float32Array): Promise<void> {
    const { batch, batchGpu } = this.s;
    const per = this.data.resolution * this.data.resolution * 3;
    const reqs: PassRequest[] = [];
    for (let pass = 0; pass < this.passCount(); pass++) {
      reqs.push({ phase: 'dR1', real: reals.slice(pass * batchGpu * per, (pass + 1) * batchGpu * per), aug: this.augParams(batchGpu) });
    }
    const { grads, outs } = await this.runPhase(reqs, 'D');
    let penaltySum = 0;
    for (const o of outs) {
      this.ada.accumulate(o.realLogits!);
      penaltySum += o.r1Sum!;
    }
    this.stats.r1Penalty += penaltySum / batch;
    this.stats.r1Steps += 1;
    await this.applyStep('D', grads);
  }

  /**
   * One full training step over `batch` real images. Asynchronous because losses and logits
   * are read back with `await data()` (the webgpu backend has no synchronous read); a lost
   * GPU device fails the step with a clear error.
   */
  async step(): Promise<void> {
    assertBackendAlive(this.epoch);
    const reals = getBatch(this.data, this.sampler.next(this.s.batch));
    await this.gMain();
    if (this.s.plWeight > 0 && this.batchIdx % this.s.plInterval === 0) await this.gPathLength();
    await this.dMain(reals);
    if (this.s.gamma > 0 && this.batchIdx % this.s.r1Interval === 0) await this.dR1(reals);
    assertBackendAlive(this.epoch);

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
    this.threads?.close();
    this.threads = null;
    this.optG.dispose();
    this.optD.dispose();
  }
}

export { DEFAULT_AUGMENT_SPEC };
