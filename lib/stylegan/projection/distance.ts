/**
 * The projector's image distance, built only from networks that ship with the
 * product (no LPIPS/VGG weights exist offline):
 *
 *   pixel          mean squared error at several scales (full, ½, ¼, …, by
 *                  2×2 average pooling): exact colour and layout, with coarse
 *                  scales weighting large structures more than fine texture;
 *   discriminator  the model's own discriminator as a feature network: each
 *                  block's activations, unit-normalised over channels at every
 *                  position (as LPIPS does with VGG), compared by squared error;
 *                  a network trained on exactly this image domain;
 *   identity       (optional, faces) 1 − cosine similarity of a face-identity
 *                  embedding (face-api's recognition network), injected as a
 *                  function so the core stays free of face-api.
 *
 * The target's features are computed once. Every term is a differentiable
 * function of the generated image.
 */
import * as tf from '@tensorflow/tfjs';
import type { Discriminator } from '../discriminator';

/** image NHWC [1, H, W, 3] in [-1, 1] → embedding [1, k]; must be differentiable with tfjs. */
export type IdentityEmbedder = (img: tf.Tensor4D) => tf.Tensor2D;

export interface DistanceWeights {
  pixel: number;
  /** number of scales for the pixel term (1 = full resolution only) */
  pixelScales: number;
  discriminator: number;
  identity: number;
}

export const DEFAULT_DISTANCE_WEIGHTS: DistanceWeights = { pixel: 1, pixelScales: 4, discriminator: 0.5, identity: 0 };

export interface DistanceParts {
  pixel: tf.Scalar;
  discriminator: tf.Scalar;
  identity: tf.Scalar;
  total: tf.Scalar;
}

export type DistanceName = 'pixel' | 'discriminator' | 'identity';

function pyramid(img: tf.Tensor4D, scales: number): tf.Tensor4D[] {
  const out = [img];
  for (let s = 1; s < scales && out[s - 1].shape[1] >= 8; s++) out.push(tf.avgPool(out[s - 1], 2, 2, 'valid'));
  return out;
}

function unitChannels(f: tf.Tensor4D): tf.Tensor4D {
  return f.mul(tf.rsqrt(f.square().sum(3, true).add(1e-10)));
}

function unitRows(x: tf.Tensor2D): tf.Tensor2D {
  return x.mul(tf.rsqrt(x.square().sum(1, true).add(1e-10)));
}

export class PerceptualDistance {
  private readonly targetPyramid: tf.Tensor4D[];
  private readonly targetFeatures: tf.Tensor4D[];
  private readonly targetIdentity: tf.Tensor2D | null;

  constructor(
    target: tf.Tensor4D,
    readonly weights: DistanceWeights,
    private readonly D: Discriminator | null,
    private readonly identity: IdentityEmbedder | null,
  ) {
    if (weights.discriminator > 0 && !D) throw new Error('distance: the discriminator term needs a discriminator (D.safetensors)');
    if (weights.identity > 0 && !identity) throw new Error('distance: the identity term needs an identity embedder');
    this.targetPyramid = tf.tidy(() => pyramid(target.clone(), Math.max(1, weights.pixelScales))).map((t) => tf.keep(t));
    this.targetFeatures =
      weights.discriminator > 0 ? tf.tidy(() => D!.features(target).map(unitChannels)).map((t) => tf.keep(t)) : [];
    this.targetIdentity =
      weights.identity > 0 ? tf.keep(tf.tidy(() => unitRows(identity!(target)))) : null;
  }

  /** Each term (unweighted) and the weighted total; call inside a tidy/gradient. */
  parts(img: tf.Tensor4D): DistanceParts {
    const w = this.weights;
    const zero = tf.scalar(0);
    let pixel: tf.Scalar = zero;
    if (w.pixel > 0) {
      const levels = pyramid(img, this.targetPyramid.length);
      pixel = tf.addN(levels.map((x, i) => x.sub(this.targetPyramid[i]).square().mean())).div(levels.length) as tf.Scalar;
    }
    let disc: tf.Scalar = zero;
    if (w.discriminator > 0) {
      const feats = this.D!.features(img).map(unitChannels);
      disc = tf.addN(feats.map((f, i) => f.sub(this.targetFeatures[i]).square().sum(3).mean())).div(feats.length) as tf.Scalar;
    }
    let ident: tf.Scalar = zero;
    if (w.identity > 0) {
      const e = unitRows(this.identity!(img));
      ident = tf.scalar(1).sub(e.mul(this.targetIdentity!).sum()) as tf.Scalar;
    }
    const total = pixel.mul(w.pixel).add(disc.mul(w.discriminator)).add(ident.mul(w.identity)) as tf.Scalar;
    return { pixel, discriminator: disc, identity: ident, total };
  }

  dispose(): void {
    tf.dispose([...this.targetPyramid, ...this.targetFeatures]);
    this.targetIdentity?.dispose();
  }
}
