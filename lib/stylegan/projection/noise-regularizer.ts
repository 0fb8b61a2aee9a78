/**
 * The StyleGAN2 projector's noise regulariser: at every level of a pyramid
 * (halving by 2×2 averaging down to 8×8), the squared autocorrelation of each
 * noise map with itself shifted by one pixel horizontally and vertically
 * (wrapping around). Keeps the optimised noise maps from absorbing image
 * content: white noise has zero autocorrelation at any shift.
 */
import * as tf from '@tensorflow/tfjs';

/** Roll a [H, W] map by one step along an axis (last row/column wraps to the front). */
function roll1(x: tf.Tensor2D, axis: 0 | 1): tf.Tensor2D {
  const size = x.shape[axis];
  const begin: [number, number] = axis === 0 ? [size - 1, 0] : [0, size - 1];
  const last = x.slice(begin, axis === 0 ? [1, -1] : [-1, 1]);
  const rest = x.slice([0, 0], axis === 0 ? [size - 1, -1] : [-1, size - 1]);
  return tf.concat([last, rest], axis) as tf.Tensor2D;
}

/** Σ over maps and pyramid levels of (mean n·roll(n, 1, x))² + (mean n·roll(n, 1, y))². */
export function noiseRegularizer(noise: tf.Tensor[]): tf.Scalar {
  return tf.tidy(() => {
    let reg: tf.Scalar = tf.scalar(0);
    for (const map of noise) {
      let size = map.shape[1]!;
      let n = map.reshape([size, size]) as tf.Tensor2D;
      for (;;) {
        const dx = n.mul(roll1(n, 1)).mean().square();
        const dy = n.mul(roll1(n, 0)).mean().square();
        reg = reg.add(dx).add(dy);
        if (size <= 8) break;
        size /= 2;
        n = n.reshape([size, 2, size, 2]).mean([1, 3]) as tf.Tensor2D;
      }
    }
    return reg;
  });
}

/** Zero mean, unit variance per map (applied after every step, as in the paper). */
export function normalizeNoise(map: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const centred = map.sub(map.mean());
    return centred.mul(tf.rsqrt(centred.square().mean().add(1e-8)));
  });
}
