// How much each style layer (and each layer group) changes the image of a model: the mean
// |Δ pixel| (0–255) over 32 seeds at ψ 0.7, constant noise, when ws[i] alone, or one group, is
// taken from another sample (lib/stylegan/layer-influence.ts). The quality bar of issue 5 wants
// coarse layers to carry shape and hair and fine layers colours; this puts numbers on the
// style-mixing figure. It then prints how much each resolution's toRGB output adds to the
// image (resolutionUsage).
//   node --import tsx tools/layer-influence.ts [modelDir]
import { initBackend } from '@/lib/stylegan/backend';
import { layerInfluence, resolutionUsage, singleLayerMasks } from '@/lib/stylegan/layer-influence';
import { loadGenerator, readConfig } from '@/lib/stylegan/model-io';
import { layerGroups, wsResolution } from '@/lib/models/layer-groups';

async function main() {
  await initBackend({ quiet: true });
  const dir = process.argv[2] ?? 'models/default';
  const G = loadGenerator(dir, readConfig(dir));
  const res = G.config.img_resolution;
  const groups = layerGroups(res);
  const names = ['coarse', 'middle', 'fine'] as const;
  const values = await layerInfluence(G, [...singleLayerMasks(G.numWs), ...names.map((g) => groups.map((x) => x === g)), groups.map(() => true)]);
  values.slice(0, G.numWs).forEach((v, i) => console.log(`ws[${i}] (${wsResolution(i, res)} px, ${groups[i]})`, v.toFixed(2)));
  names.forEach((g, k) => console.log(g, values[G.numWs + k].toFixed(2)));
  console.log('all', values.at(-1)!.toFixed(2));
  // Whether a resolution draws anything at all, apart from whether its styles change it.
  for (const [r, v] of await resolutionUsage(G)) console.log(`toRGB ${r} px (its output removed)`, v.toFixed(2));
}
main().catch((err) => {
  console.error(err);
  process.exit(1);
});
