// The two README figures of the bundled default model, rendered from models/default:
//   docs/images/default-grid.png  — 8×8 seeds (0–63) at ψ 0.7, constant noise
//   docs/images/style-mixing.png  — the StyleGAN style-mixing figure: sources A across the
//     top, sources B down the left, and in each row block the layers of one group
//     (coarse 4–8 px, middle 16–32 px, fine 64 px; lib/models/layer-groups.ts) copied from B
//     into A.
//   node --import tsx tools/readme-images.ts [--scale=2] [modelDir] [outDir]
// Tiles are upscaled (nearest neighbour, 2× by default) and stored as palette PNGs; smooth
// faces compress to about 100 KB a figure at 2×, a noisy early snapshot to several hundred.
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import sharp, { type OverlayOptions } from 'sharp';
import { initBackend } from '@/lib/stylegan/backend';
import type { Generator } from '@/lib/stylegan/generator';
import { loadGenerator, readConfig } from '@/lib/stylegan/model-io';
import { renderSeeds, renderWs, seedsToWs, type RenderedImage } from '@/lib/stylegan/synthesize';
import { layerInfluence } from '@/lib/stylegan/layer-influence';
import { layerGroups, wsResolution, type LayerGroup } from '@/lib/models/layer-groups';

const PSI = 0.7;
const GUTTER = 2;
const BACKGROUND = { r: 255, g: 255, b: 255 };
const GRID = { columns: 8, rows: 8 };
/** Seeds of the mixing figure: A across the top, B (two per row block) down the left. */
const MIX_A = [11, 14, 17, 20, 23];
const MIX_B = [31, 36];
const GROUP_TITLES: Record<LayerGroup, string> = { coarse: 'Coarse from B', middle: 'Middle from B', fine: 'Fine from B' };

const flags = Object.fromEntries(process.argv.slice(2).filter((a) => a.startsWith('--')).map((a) => a.slice(2).split('=')));
const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const SCALE = Number(flags.scale ?? 2);

async function tile(img: RenderedImage): Promise<Buffer> {
  const raw = Buffer.from(img.pixels.buffer, img.pixels.byteOffset, img.pixels.byteLength);
  return sharp(raw, { raw: { width: img.width, height: img.height, channels: img.channels as 1 | 3 | 4 } })
    .resize(img.width * SCALE, img.height * SCALE, { kernel: 'nearest' })
    .png()
    .toBuffer();
}

function escapeXml(s: string) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Left-aligned lines of text as an SVG overlay (rendered by sharp's librsvg). */
function label(lines: { text: string; size: number; bold?: boolean }[], width: number, height: number): Buffer {
  const total = lines.reduce((s, l) => s + l.size * 1.3, 0);
  let y = (height - total) / 2;
  const texts = lines.map((l) => {
    y += l.size * 1.3;
    return `<text x="6" y="${(y - l.size * 0.3).toFixed(1)}" font-family="DejaVu Sans, Liberation Sans, sans-serif" font-size="${l.size}" ${l.bold ? 'font-weight="bold" ' : ''}fill="#222">${escapeXml(l.text)}</text>`;
  });
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${texts.join('')}</svg>`);
}

async function writePng(file: string, width: number, height: number, overlays: OverlayOptions[]) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await sharp({ create: { width, height, channels: 3, background: BACKGROUND } })
    .composite(overlays)
    .png({ palette: true, colours: 256, dither: 0, compressionLevel: 9, effort: 10 })
    .toFile(file);
  console.log(`wrote ${path.relative(process.cwd(), file)} (${width}×${height}, ${(fs.statSync(file).size / 1024).toFixed(0)} KB)`);
}

async function seedGrid(G: Generator, file: string) {
  const { columns, rows } = GRID;
  const seeds = Array.from({ length: columns * rows }, (_, i) => i);
  const tiles = await Promise.all((await renderSeeds(G, seeds, { psi: PSI, noiseMode: 'const' })).map(tile));
  const cell = G.config.img_resolution * SCALE;
  const step = cell + GUTTER;
  await writePng(
    file,
    columns * step + GUTTER,
    rows * step + GUTTER,
    tiles.map((input, i) => ({ input, left: GUTTER + (i % columns) * step, top: GUTTER + Math.floor(i / columns) * step })),
  );
}

/** w+ of each seed at ψ, as plain [num_ws][w_dim] arrays. */
async function wplusOf(G: Generator, seeds: number[]): Promise<number[][][]> {
  const ws = seedsToWs(G, seeds, { psi: PSI });
  const flat = (await ws.array()) as number[][][];
  ws.dispose();
  return flat;
}

async function render(G: Generator, wplus: number[][][]): Promise<Buffer[]> {
  const ws = tf.tensor3d(wplus);
  try {
    return await Promise.all((await renderWs(G, ws, { noiseMode: 'const' })).map(tile));
  } finally {
    ws.dispose();
  }
}

async function styleMixing(G: Generator, file: string) {
  const groupOf = layerGroups(G.config.img_resolution);
  const groups = (['coarse', 'middle', 'fine'] as const).filter((g) => groupOf.includes(g));
  const a = await wplusOf(G, MIX_A);
  const b = await wplusOf(G, MIX_B);
  // Cell (block g, row j, column i): A_i with the layers of group g taken from B_j.
  const cells = groups.flatMap((g) => b.flatMap((wb) => a.map((wa) => wa.map((layer, l) => (groupOf[l] === g ? wb[l] : layer)))));
  const [aTiles, bTiles, cellTiles] = [await render(G, a), await render(G, b), await render(G, cells)];
  // What each group changes, measured (lib/stylegan/layer-influence.ts): the label says it, not a claim.
  const res = G.config.img_resolution;
  const influence = await layerInfluence(G, [...groups.map((g) => groupOf.map((x) => x === g)), groupOf.map(() => true)]);
  const detail = (g: LayerGroup, k: number) => {
    const idx = groupOf.flatMap((x, i) => (x === g ? [i] : []));
    const [lo, hi] = [wsResolution(idx[0], res), wsResolution(idx.at(-1)!, res)];
    return [`${lo === hi ? lo : `${lo}–${hi}`} px, ws ${idx[0]}–${idx.at(-1)}`, `mean |Δ| ${influence[k].toFixed(1)} of ${influence.at(-1)!.toFixed(1)}`];
  };

  const cell = G.config.img_resolution * SCALE;
  const step = cell + GUTTER;
  const labelWidth = 190;
  const blockGap = 10; // extra space between row blocks
  const sourceGap = 10; // between the sources and the mixes
  const x0 = labelWidth + step + sourceGap; // first mix column
  const y0 = step + sourceGap; // first mix row
  const rowTop = (block: number, j: number) => y0 + block * (MIX_B.length * step + blockGap) + j * step;
  const width = x0 + MIX_A.length * step;
  const height = rowTop(groups.length - 1, MIX_B.length - 1) + step;

  const overlays: OverlayOptions[] = [
    { input: label([{ text: 'Source A →', size: 18, bold: true }, { text: 'Source B ↓', size: 18, bold: true }], labelWidth + step, cell), left: 0, top: GUTTER },
    ...aTiles.map((input, i) => ({ input, left: x0 + i * step, top: GUTTER })),
  ];
  groups.forEach((g, block) => {
    const [range, measured] = detail(g, block);
    const blockHeight = MIX_B.length * step - GUTTER;
    const lines = [{ text: GROUP_TITLES[g], size: 18, bold: true }, { text: range, size: 13 }, { text: measured, size: 13 }];
    overlays.push({ input: label(lines, labelWidth, blockHeight), left: 0, top: rowTop(block, 0) });
    bTiles.forEach((input, j) => overlays.push({ input, left: labelWidth, top: rowTop(block, j) }));
    for (let j = 0; j < MIX_B.length; j++) {
      for (let i = 0; i < MIX_A.length; i++) {
        overlays.push({ input: cellTiles[(block * MIX_B.length + j) * MIX_A.length + i], left: x0 + i * step, top: rowTop(block, j) });
      }
    }
  });
  await writePng(file, width, height, overlays);
}

async function main() {
  if (!Number.isInteger(SCALE) || SCALE < 1 || SCALE > 8) throw new Error('--scale must be a whole number from 1 to 8');
  const modelDir = path.resolve(positional[0] ?? 'models/default');
  const outDir = path.resolve(positional[1] ?? 'docs/images');
  await initBackend({ quiet: true });
  const config = readConfig(modelDir);
  const G = loadGenerator(modelDir, config);
  try {
    await seedGrid(G, path.join(outDir, 'default-grid.png'));
    await styleMixing(G, path.join(outDir, 'style-mixing.png'));
  } finally {
    G.dispose();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
