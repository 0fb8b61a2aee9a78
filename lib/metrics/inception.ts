// The feature network for every metric: the InceptionV3 that ships inside the `nsfwjs` npm
// package (MIT; ImageNet weights with the upper layers fine-tuned to classify NSFW content,
// stored uint8-quantised). Loaded from the package's own files, so nothing is downloaded.
// We cut the graph at `mixed10` and average over space, which is the 2048-d pooled feature
// that standard FID reads, but from different weights: numbers computed with it are **not
// comparable with published FIDs** (FEATURE_NETWORK_LABEL says so wherever they are shown).
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';

import { DEFAULT_INPUT_SIZE, FEATURE_DIM } from './labels';

export { DEFAULT_INPUT_SIZE, FEATURE_DIM, FEATURE_NETWORK, FEATURE_NETWORK_LABEL } from './labels';

type Manifest = {
  modelTopology: { model_config: { class_name: string; config: { name: string; layers: Array<{ name: string; config: Record<string, unknown> }>; input_layers: unknown; output_layers: unknown } } };
  weightsManifest: Array<{ paths: string[]; weights: tf.io.WeightsManifestEntry[] }>;
};

let loading: Promise<tf.LayersModel> | null = null;

function modelDir(): string {
  const require = createRequire(import.meta.url);
  // The package's exports hide package.json: find its folder from its main entry.
  const main = require.resolve('nsfwjs');
  const root = main.slice(0, main.lastIndexOf(`${path.sep}dist${path.sep}`));
  return path.join(root, 'dist/models/inception_v3');
}

async function load(): Promise<tf.LayersModel> {
  const require = createRequire(import.meta.url);
  const dir = modelDir();
  // The files are UMD bundles: model.min.js exports the Keras JSON, each shard a base64 string.
  const manifest = require(path.join(dir, 'model.min.js')) as Manifest;
  const cfg = structuredClone(manifest.modelTopology.model_config);
  const cut = cfg.config.layers.findIndex((l) => l.name === 'mixed10');
  if (cut < 0) throw new Error('nsfwjs InceptionV3: layer mixed10 not found');
  cfg.config.layers = cfg.config.layers.slice(0, cut + 1);
  cfg.config.output_layers = [['mixed10', 0, 0]];
  // Any spatial size: only the pooling we cut away needed 299 px.
  (cfg.config.layers[0].config as { batch_input_shape: unknown }).batch_input_shape = [null, null, null, 3];
  const group = manifest.weightsManifest[0];
  const shards = group.paths.map((p) => Buffer.from(require(path.join(dir, `${p}.min.js`)) as string, 'base64'));
  const all = Buffer.concat(shards);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer;
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: { ...manifest.modelTopology, model_config: cfg }, weightSpecs: group.weights, weightData }),
    { strict: false },
  );
  return model;
}

/** The truncated InceptionV3, loaded once per process. */
export function featureNetwork(): Promise<tf.LayersModel> {
  loading ??= load().catch((err) => {
    loading = null;
    throw err;
  });
  return loading;
}

/**
 * Float images NHWC in [0, 255] (any size) → pooled features [N, 2048] (a tensor, caller
 * disposes). Resized bilinearly to `inputSize` and scaled to [0, 1], as nsfwjs feeds this
 * network. Float input keeps PPL's ε-small differences that uint8 would round away.
 */
export function featuresOfTensor(net: tf.LayersModel, images: tf.Tensor4D, inputSize = DEFAULT_INPUT_SIZE): tf.Tensor2D {
  assertInputSize(inputSize);
  return tf.tidy(() => {
    const resized = tf.image.resizeBilinear(images, [inputSize, inputSize]).div(255);
    const mixed = net.predict(resized) as tf.Tensor4D;
    return mixed.mean([1, 2]) as tf.Tensor2D;
  });
}

function assertInputSize(size: number): void {
  if (!Number.isInteger(size) || size < 75) throw new RangeError(`inputSize must be an integer ≥ 75, got ${size}`);
}

export type RgbImage = { pixels: Uint8Array; width: number; height: number; channels: number };

/** uint8 images (HWC, 1, 3 or 4 channels, each any size) → features [N × 2048], row-major. */
export async function extractFeatures(images: RgbImage[], opts: { inputSize?: number; batchSize?: number } = {}): Promise<Float32Array> {
  const net = await featureNetwork();
  const size = opts.inputSize ?? DEFAULT_INPUT_SIZE;
  assertInputSize(size);
  const batchSize = opts.batchSize ?? 8;
  const out = new Float32Array(images.length * FEATURE_DIM);
  for (let start = 0; start < images.length; start += batchSize) {
    const chunk = images.slice(start, start + batchSize);
    const feats = tf.tidy(() => {
      const batch = tf.stack(
        chunk.map((im) => {
          const t = tf.tensor3d(im.pixels, [im.height, im.width, im.channels], 'int32');
          const rgb = im.channels === 3 ? t : im.channels === 1 ? tf.tile(t, [1, 1, 3]) : t.slice([0, 0, 0], [-1, -1, 3]);
          return tf.image.resizeBilinear(rgb.toFloat() as tf.Tensor3D, [size, size]);
        }),
      ) as tf.Tensor4D;
      return featuresOfTensor(net, batch, size);
    });
    try {
      out.set(await feats.data(), start * FEATURE_DIM);
    } finally {
      feats.dispose();
    }
  }
  return out;
}
