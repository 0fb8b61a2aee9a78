// How much each style layer (and each layer group) changes the image of a model: the mean
// |Δ pixel| (0–255) over 32 seeds at ψ 0.7, constant noise, when ws[i] alone, or one group, is
// taken from another sample. The quality bar of issue 5 wants coarse layers to carry shape and hair
// and fine layers colours; this puts numbers on the style-mixing figure.
//   node --import tsx tools/layer-influence.ts [modelDir]
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@/lib/stylegan/backend';
import { loadGenerator, readConfig } from '@/lib/stylegan/model-io';
import { renderWs, seedsToWs } from '@/lib/stylegan/synthesize';
import { layerGroups } from '@/lib/models/layer-groups';

async function main() {
  await initBackend({ quiet: true });
  const dir = process.argv[2] ?? 'models/default';
  const G = loadGenerator(dir, readConfig(dir));
  const n = 32;
  const A = seedsToWs(G, Array.from({ length: n }, (_, i) => i), { psi: 0.7 });
  const B = seedsToWs(G, Array.from({ length: n }, (_, i) => 1000 + i), { psi: 0.7 });
  const base = renderWs(G, A, { noiseMode: 'const' });
  const numWs = G.numWs;
  const diff = (mask: boolean[]) => {
    const m = tf.tensor(mask.map((b) => (b ? 1 : 0)), [1, numWs, 1]);
    const ws = tf.tidy(() => tf.add(tf.mul(A, tf.sub(1, m)), tf.mul(B, m))) as tf.Tensor3D;
    const out = renderWs(G, ws, { noiseMode: 'const' });
    let s = 0, c = 0;
    out.forEach((img, k) => { for (let j = 0; j < img.pixels.length; j++) { s += Math.abs(img.pixels[j] - base[k].pixels[j]); c++; } });
    tf.dispose([m, ws]);
    return (s / c).toFixed(2);
  };
  const groups = layerGroups(G.config.img_resolution);
  for (let i = 0; i < numWs; i++) console.log(`ws[${i}] (${groups[i]})`, diff(Array.from({ length: numWs }, (_, j) => j === i)));
  for (const g of ['coarse', 'middle', 'fine']) console.log(g, diff(groups.map((x) => x === g)));
  console.log('all', diff(groups.map(() => true)));
}
main().catch((err) => {
  console.error(err);
  process.exit(1);
});
