/**
 * A differentiable face-identity embedding for the projector's distance:
 * face-api's recognition network (a ResNet-34-like net trained for face
 * verification, 128-d output) applied to the generated image, resized to its
 * 150×150 input. The image is expected to be an aligned face crop (which is
 * what the aligner produces), so no detection runs inside the loop.
 */
import * as tf from '@tensorflow/tfjs';
import type { IdentityEmbedder } from '../distance';
import { loadFaceApi } from './face-api';

export async function faceIdentityEmbedder(): Promise<IdentityEmbedder> {
  const faceapi = await loadFaceApi();
  const net = faceapi.nets.faceRecognitionNet;
  return (img: tf.Tensor4D): tf.Tensor2D => {
    if (img.shape[0] !== 1) throw new Error('face identity: one image at a time');
    // [-1, 1] → [0, 255] at 150×150; the net subtracts its own mean and scales.
    const pixels = tf.image.resizeBilinear(img.add(1).mul(127.5) as tf.Tensor4D, [150, 150], false, true);
    // face-api's typings name their own copy of tfjs-core's Tensor; at run time it is ours.
    const input = new faceapi.NetInput([pixels.reshape([150, 150, 3]) as unknown as never]);
    return net.forwardInput(input) as unknown as tf.Tensor2D;
  };
}
