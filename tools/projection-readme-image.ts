/**
 * The README's "find your face" figure from a `stylegan project` output folder:
 * target | projection | |difference|×4, each scaled up 4× (nearest neighbour).
 *
 *   node --import tsx tools/projection-readme-image.ts OUTDIR docs/images/projection-real-photo.png
 */
import path from 'node:path';
import sharp from 'sharp';

async function main() {
  const [dir, out] = process.argv.slice(2);
  if (!dir || !out) throw new Error('usage: projection-readme-image.ts OUTDIR OUT.png');
  const read = (f: string) => sharp(path.join(dir, f)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const t = await read('target.png');
  const p = await read('proj.png');
  const { width: w, height: h } = t.info;
  const diff = Buffer.alloc(t.data.length);
  for (let i = 0; i < diff.length; i++) diff[i] = Math.min(255, Math.abs(t.data[i] - p.data[i]) * 4);
  const scale = 4;
  const big = (data: Buffer) => sharp(data, { raw: { width: w, height: h, channels: 3 } }).resize(w * scale, h * scale, { kernel: 'nearest' }).png().toBuffer();
  const gap = 8;
  const tiles = [await big(t.data), await big(p.data), await big(diff)];
  await sharp({ create: { width: 3 * w * scale + 2 * gap, height: h * scale, channels: 3, background: '#ffffff' } })
    .composite(tiles.map((input, i) => ({ input, left: i * (w * scale + gap), top: 0 })))
    .png()
    .toFile(out);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
