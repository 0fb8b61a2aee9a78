// Speed of the metrics' two costly parts on this machine, printed as a table:
//   node --import tsx bench/metrics/index.ts [--images=16] [--fid-n=500]
// 1. InceptionV3 features (nsfwjs) per image at each input size, after one warm-up batch.
// 2. FID's statistics and trace square root from n random 2048-d features (both sides n).
import { initBackend } from '@/lib/stylegan/backend';
import { extractFeatures, FEATURE_DIM } from '@/lib/metrics/inception';
import { fidFromFeatures } from '@/lib/metrics/fid';
import { gaussian, mulberry32 } from '@/lib/metrics/random';
import { proceduralSource } from '@/lib/metrics/image-sources';

const arg = (name: string, def: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? def);
const images = arg('images', 16);
const fidN = arg('fid-n', 500);

async function main() {
  const info = await initBackend({ quiet: true });
  const faces = await proceduralSource(images, 64).read(0, images);
  const rows: string[][] = [];
  for (const size of [75, 139, 299]) {
    await extractFeatures(faces.slice(0, 8), { inputSize: size });
    const t = performance.now();
    await extractFeatures(faces, { inputSize: size });
    const s = (performance.now() - t) / 1000;
    rows.push([`features @${size}px`, String(images), (s / images).toFixed(3), (images / s).toFixed(2)]);
  }
  const a = gaussian(mulberry32(1), fidN * FEATURE_DIM);
  const b = gaussian(mulberry32(2), fidN * FEATURE_DIM);
  const t = performance.now();
  fidFromFeatures(a, fidN, b, fidN, FEATURE_DIM);
  const s = (performance.now() - t) / 1000;
  rows.push([`FID from features (n=${fidN})`, String(fidN), s.toFixed(2), '–']);

  console.log(`backend: ${info.choice}; ${new Date().toISOString()}`);
  console.log('| step | items | s per item (FID: s total) | items/s |');
  console.log('|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
