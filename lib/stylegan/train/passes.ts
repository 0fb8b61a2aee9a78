/**
 * One forward/backward pass of a training phase, as a pure function of the networks' current
 * weights and of inputs drawn beforehand (latents, mixing cutoff, noise, augmentation, reals).
 * The trainer draws every pass's inputs on its own thread from its named random streams and
 * runs the passes here, or in pass threads (pass-thread.ts) that hold copies of G and D: a
 * pass computes the same numbers wherever it runs, so a run with threads matches one without.
 */
import * as tf from '@tensorflow/tfjs';
import type { Discriminator } from '../discriminator';
import type { Generator } from '../generator';
import { applyAugment, type AugmentParams } from './augment';

/** Everything random that one generator pass needs. */
export interface GenDraw {
  n: number;
  z: Float32Array;
  /** Latents of the second source when the pass mixes styles (cutoff < numWs). */
  z2: Float32Array | null;
  cutoff: number;
  /** One array per noise input, in G.noiseShapes(n) order. */
  noise: Float32Array[];
}

export type PassRequest =
  | { phase: 'gMain'; gen: GenDraw; aug: AugmentParams | null }
  | { phase: 'gPl'; gen: GenDraw; plNoise: Float32Array; plMean: number; passes: number }
  | { phase: 'dMain'; gen: GenDraw; real: Float32Array; augFake: AugmentParams | null; augReal: AugmentParams | null }
  | { phase: 'dR1'; real: Float32Array; aug: AugmentParams | null };

/** What a pass returns; `T` is tf.Tensor on the trainer's thread, Float32Array from a pass thread. */
export interface PassOutput<T> {
  /** Gradients of the pass's loss by parameter name. */
  grads: Record<string, T>;
  /** w batches (n × w_dim) the pass mapped with w_avg tracking on, in order. */
  ws: Float32Array[];
  /** gMain: Σ softplus(−D(G(z)))/batch; gPl, dR1: the penalty as added to the loss. */
  value: number;
  /** dMain, dR1: D's logits on the reals (for ADA and the sign statistic). */
  realLogits?: Float32Array;
  /** dMain: Σ softplus terms of fakes and of reals (not yet divided by the batch). */
  lossFake?: number;
  lossReal?: number;
  /** dR1: Σ ‖∇ₓD‖² over the pass. */
  r1Sum?: number;
  /** gPl: path lengths of the pass. */
  plLengths?: Float32Array;
}

export interface PassSettings {
  batch: number;
  gamma: number;
  r1Interval: number;
  plWeight: number;
  plInterval: number;
}

export class PassRunner {
  private readonly gVars: { vars: tf.Variable[]; names: Map<string, string> };
  private readonly dVars: { vars: tf.Variable[]; names: Map<string, string> };

  constructor(
    readonly G: Generator,
    readonly D: Discriminator,
    readonly s: PassSettings,
    /** The discriminator parameters that are trained (all but Freeze-D's). */
    trainableD: string[],
  ) {
    this.gVars = varList(G.params, Object.keys(G.params));
    this.dVars = varList(D.params, trainableD);
  }

  /**
   * Runs one pass. Values are read back asynchronously (`await data()`), after the pass's
   * work is queued, so the same code runs on the webgpu backend, which has no synchronous read.
   */
  async run(req: PassRequest): Promise<PassOutput<tf.Tensor>> {
    switch (req.phase) {
      case 'gMain':
        return this.gMain(req);
      case 'gPl':
        return this.gPl(req);
      case 'dMain':
        return this.dMain(req);
      case 'dR1':
        return this.dR1(req);
    }
  }

  private genTensors(g: GenDraw) {
    const zDim = this.G.config.z_dim;
    const z = tf.tensor2d(g.z, [g.n, zDim]);
    const z2 = g.z2 ? tf.tensor2d(g.z2, [g.n, zDim]) : null;
    const noise = this.G.noiseShapes(g.n).map((shape, i) => tf.tensor4d(g.noise[i], shape));
    return { z, z2, cutoff: g.cutoff, noise, dispose: () => tf.dispose([z, ...(z2 ? [z2] : []), ...noise]) };
  }

  /** run_G: mapping (w kept for the w_avg update), style mixing, synthesis with explicit noise. */
  private runG(inp: ReturnType<PassRunner['genTensors']>, ws: tf.Tensor[]): tf.Tensor4D {
    const G = this.G;
    const n = inp.z.shape[0];
    const wDim = G.config.w_dim;
    const w = G.mapW(inp.z);
    if (G.wAvg) ws.push(tf.keep(w));
    let styles = tf.tile(tf.reshape(w, [n, 1, wDim]), [1, inp.cutoff, 1]) as tf.Tensor3D;
    if (inp.z2) {
      const w2 = G.mapW(inp.z2);
      const tail = tf.tile(tf.reshape(w2, [n, 1, wDim]), [1, G.numWs - inp.cutoff, 1]);
      styles = tf.concat([styles, tail], 1) as tf.Tensor3D;
    }
    return G.synthesis(styles, { noiseMode: 'random', noise: inp.noise });
  }

  private runD(img: tf.Tensor4D, aug: AugmentParams | null): tf.Tensor2D {
    return this.D.call(aug ? applyAugment(img, aug) : img);
  }

  private reals(data: Float32Array): tf.Tensor4D {
    const res = this.D.config.img_resolution;
    const c = this.D.config.img_channels;
    return tf.tensor4d(data, [data.length / (res * res * c), res, res, c]);
  }

  private async gMain(req: Extract<PassRequest, { phase: 'gMain' }>): Promise<PassOutput<tf.Tensor>> {
    const inp = this.genTensors(req.gen);
    const ws: tf.Tensor[] = [];
    const { value, grads } = tf.variableGrads(() => {
      const logits = this.runD(this.runG(inp, ws), req.aug);
      return tf.div(tf.sum(tf.softplus(tf.neg(logits))), this.s.batch) as tf.Scalar;
    }, this.gVars.vars);
    inp.dispose();
    const [v, wsRead] = await Promise.all([scalar(value), readAll(ws)]);
    return { grads: byName(grads, this.gVars.names), ws: wsRead, value: v };
  }

  private async gPl(req: Extract<PassRequest, { phase: 'gPl' }>): Promise<PassOutput<tf.Tensor>> {
    const { plWeight, plInterval } = this.s;
    const inp = this.genTensors(req.gen);
    const n = req.gen.n;
    const res = this.G.config.img_resolution;
    const plNoise = tf.tensor4d(req.plNoise, [n, res, res, this.G.config.img_channels]);
    const lengths: tf.Tensor[] = [];
    const { value, grads } = tf.variableGrads(() => {
      const G = this.G;
      const w = G.mapW(inp.z);
      const wDim = G.config.w_dim;
      const ws0 = tf.tile(tf.reshape(w, [n, 1, wDim]), [1, G.numWs, 1]) as tf.Tensor3D;
      const gradWs = tf.grad((ws: tf.Tensor) => tf.sum(tf.mul(G.synthesis(ws as tf.Tensor3D, { noiseMode: 'random', noise: inp.noise }), plNoise)))(ws0);
      const plLengths = tf.sqrt(tf.mean(tf.sum(tf.square(gradWs), 2), 1)); // [n]
      lengths.push(tf.keep(plLengths));
      const penalty = tf.square(tf.sub(plLengths, req.plMean));
      return tf.div(tf.mul(tf.sum(penalty), plWeight * plInterval), n * req.passes) as tf.Scalar;
    }, this.gVars.vars);
    tf.dispose(plNoise);
    inp.dispose();
    const [v, plLengths] = await Promise.all([scalar(value), read(lengths[0])]);
    return { grads: byName(grads, this.gVars.names), ws: [], value: v, plLengths };
  }

  private async dMain(req: Extract<PassRequest, { phase: 'dMain' }>): Promise<PassOutput<tf.Tensor>> {
    const batch = this.s.batch;
    const inp = this.genTensors(req.gen);
    const ws: tf.Tensor[] = [];
    const fake = tf.tidy(() => this.runG(inp, ws)); // no gradient into G in the D phase
    inp.dispose();
    const real = this.reals(req.real);
    const kept: tf.Tensor[] = [];
    const { value, grads } = tf.variableGrads(() => {
      const lossFake = tf.sum(tf.softplus(this.runD(fake, req.augFake)));
      const realLogits = this.runD(real, req.augReal);
      const lossReal = tf.sum(tf.softplus(tf.neg(realLogits)));
      kept.push(tf.keep(realLogits), tf.keep(lossFake), tf.keep(lossReal));
      return tf.div(tf.add(lossFake, lossReal), batch) as tf.Scalar;
    }, this.dVars.vars);
    tf.dispose([fake, real]);
    const [realLogits, lossFake, lossReal] = kept;
    const [v, logits, fakeSum, realSum, wsRead] = await Promise.all([scalar(value), read(realLogits), scalar(lossFake), scalar(lossReal), readAll(ws)]);
    return { grads: byName(grads, this.dVars.names), ws: wsRead, value: v, realLogits: logits, lossFake: fakeSum, lossReal: realSum };
  }

  private async dR1(req: Extract<PassRequest, { phase: 'dR1' }>): Promise<PassOutput<tf.Tensor>> {
    const { batch, gamma, r1Interval } = this.s;
    const real = this.reals(req.real);
    const kept: tf.Tensor[] = [];
    const { value, grads } = tf.variableGrads(() => {
      const gradX = tf.grad((x: tf.Tensor) => {
        const logits = this.runD(x as tf.Tensor4D, req.aug);
        kept.push(tf.keep(logits));
        return tf.sum(logits);
      })(real);
      const penalty = tf.sum(tf.square(gradX)); // Σ over the pass of ‖∇ₓD‖²
      kept.push(tf.keep(penalty));
      return tf.div(tf.mul(penalty, (gamma / 2) * r1Interval), batch) as tf.Scalar;
    }, this.dVars.vars);
    tf.dispose(real);
    const [logits, penalty] = kept;
    const [v, realLogits, r1Sum] = await Promise.all([scalar(value), read(logits), scalar(penalty)]);
    return { grads: byName(grads, this.dVars.names), ws: [], value: v, realLogits, r1Sum };
  }
}

/** Reads a tensor's values and disposes it. */
async function read(t: tf.Tensor): Promise<Float32Array> {
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}

async function scalar(t: tf.Tensor): Promise<number> {
  return (await read(t))[0];
}

function readAll(ts: tf.Tensor[]): Promise<Float32Array[]> {
  return Promise.all(ts.map(read));
}

function varList(params: Record<string, tf.Variable>, names: string[]) {
  const byVar = new Map<string, string>();
  const vars: tf.Variable[] = [];
  for (const name of names) {
    const v = params[name];
    byVar.set(v.name, name);
    vars.push(v);
  }
  return { vars, names: byVar };
}

function byName(grads: tf.NamedTensorMap, names: Map<string, string>): Record<string, tf.Tensor> {
  const out: Record<string, tf.Tensor> = {};
  for (const [varName, g] of Object.entries(grads)) out[names.get(varName)!] = g;
  return out;
}
