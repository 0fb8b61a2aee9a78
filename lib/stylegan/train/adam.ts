/**
 * Adam exactly as torch.optim.Adam computes it (bias-corrected, ε added after
 * the corrected square root), with StyleGAN2-ADA's defaults and lazy
 * regularisation correction. The moments are plain tensors keyed by parameter
 * name, so they can be written to and read from safetensors without loss.
 */
import * as tf from '@tensorflow/tfjs';

export interface AdamOptions {
  lr: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

/** StyleGAN2-ADA's optimiser settings (train.py 'auto' config at < 1024 px). */
export const OFFICIAL_ADAM: AdamOptions = { lr: 0.0025, beta1: 0, beta2: 0.99, epsilon: 1e-8 };

/**
 * Lazy regularisation: when a regulariser runs only every `regInterval`
 * minibatches, the optimiser sees (interval+1)/interval times as many steps, so
 * the official code scales lr by mb_ratio = interval/(interval+1) and raises
 * the betas to that power.
 */
export function lazyRegularizationAdam(base: AdamOptions, regInterval: number | null | undefined): AdamOptions {
  if (!regInterval || regInterval <= 0) return { ...base };
  const ratio = regInterval / (regInterval + 1);
  return { lr: base.lr * ratio, beta1: base.beta1 ** ratio, beta2: base.beta2 ** ratio, epsilon: base.epsilon };
}

export interface AdamState {
  step: number;
  /** `m.<param>` and `v.<param>` moments. */
  tensors: Record<string, tf.Tensor>;
}

export class Adam {
  private stepCount = 0;
  private m: Record<string, tf.Tensor> = {};
  private v: Record<string, tf.Tensor> = {};

  constructor(
    private readonly params: Record<string, tf.Variable>,
    readonly options: AdamOptions,
  ) {
    for (const [name, p] of Object.entries(params)) {
      this.m[name] = tf.keep(tf.zerosLike(p));
      this.v[name] = tf.keep(tf.zerosLike(p));
    }
  }

  get step(): number {
    return this.stepCount;
  }

  /**
   * One update of every parameter. Parameters missing from `grads` take a zero
   * gradient (as the official code arranges with its `logits * 0` terms), so the
   * moments of all parameters advance together.
   */
  apply(grads: Record<string, tf.Tensor>): void {
    for (const name of Object.keys(grads)) {
      if (!(name in this.params)) throw new Error(`Adam: gradient for unknown parameter '${name}'`);
    }
    this.stepCount += 1;
    const { lr, beta1, beta2, epsilon } = this.options;
    const t = this.stepCount;
    const stepSize = lr / (1 - beta1 ** t);
    const sqrtBc2 = Math.sqrt(1 - beta2 ** t);
    for (const [name, p] of Object.entries(this.params)) {
      const g = grads[name];
      const [m, v] = tf.tidy(() => {
        const gg = g ?? tf.zerosLike(p);
        const m1 = beta1 === 0 ? gg.clone() : tf.add(tf.mul(this.m[name], beta1), tf.mul(gg, 1 - beta1));
        const v1 = tf.add(tf.mul(this.v[name], beta2), tf.mul(tf.square(gg), 1 - beta2));
        const denom = tf.add(tf.div(tf.sqrt(v1), sqrtBc2), epsilon);
        p.assign(tf.sub(p, tf.mul(tf.div(m1, denom), stepSize)));
        return [m1, v1];
      });
      this.m[name].dispose();
      this.v[name].dispose();
      this.m[name] = m;
      this.v[name] = v;
    }
  }

  /** Copies of the moments and the step count, for checkpoints. */
  getState(): AdamState {
    const tensors: Record<string, tf.Tensor> = {};
    for (const name of Object.keys(this.params)) {
      tensors[`m.${name}`] = this.m[name].clone();
      tensors[`v.${name}`] = this.v[name].clone();
    }
    return { step: this.stepCount, tensors };
  }

  /** Restores moments saved by getState (the caller keeps ownership of `state.tensors`). */
  setState(state: AdamState): void {
    for (const [name, p] of Object.entries(this.params)) {
      for (const [key, store] of [
        [`m.${name}`, this.m],
        [`v.${name}`, this.v],
      ] as const) {
        const t = state.tensors[key];
        if (!t) throw new Error(`optimizer state lacks '${key}'`);
        if (!tf.util.arraysEqual(t.shape, p.shape)) {
          throw new Error(`optimizer state '${key}' has shape [${t.shape}], parameter has [${p.shape}]`);
        }
        store[name].dispose();
        store[name] = tf.tidy(() => tf.cast(t, 'float32').clone());
      }
    }
    this.stepCount = state.step;
  }

  dispose(): void {
    tf.dispose(Object.values(this.m));
    tf.dispose(Object.values(this.v));
    this.m = {};
    this.v = {};
  }
}
