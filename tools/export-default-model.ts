// Exports the bundled default model from the training run (tools/train-default-model.sh):
// models/default/{config.json, G_ema.safetensors, D.safetensors (float16), model.json,
// samples.png (8×8 at ψ 0.7), MODEL_CARD.md}. prisma/seed.ts imports that folder.
//   node --import tsx tools/export-default-model.ts [runDir] [outDir]
// STATUS_NOTE="…" adds a status paragraph to the model card (e.g. while training continues).
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import { initBackend } from '@/lib/stylegan/backend';
import { Generator } from '@/lib/stylegan/generator';
import { Discriminator } from '@/lib/stylegan/discriminator';
import { saveModel } from '@/lib/stylegan/model-io';
import { renderSeeds } from '@/lib/stylegan/synthesize';
import { layerInfluence } from '@/lib/stylegan/layer-influence';
import { layerGroups } from '@/lib/models/layer-groups';
import { readTensors, type LatestPointer, type SnapshotState } from '@/lib/stylegan/train/checkpoint';
import { tileGrid } from '@/lib/stylegan/train/grid';

function pick(tensors: Record<string, tf.Tensor>, prefix: string) {
  return Object.fromEntries(Object.entries(tensors).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
}

async function main() {
  const runDir = path.resolve(process.argv[2] ?? '.data/train-default');
  const outDir = path.resolve(process.argv[3] ?? 'models/default');
  await initBackend({ quiet: true });
  const latest = JSON.parse(fs.readFileSync(path.join(runDir, 'latest.json'), 'utf8')) as LatestPointer;
  const state = JSON.parse(fs.readFileSync(path.join(runDir, latest.state), 'utf8')) as SnapshotState;
  const tensors = readTensors(path.join(runDir, latest.network));
  const G_ema = Generator.fromTensors(state.config.generator_kwargs, pick(tensors, 'G_ema.'));
  const D = Discriminator.fromTensors(state.config.discriminator_kwargs, pick(tensors, 'D.'));
  tf.dispose(Object.values(tensors));

  // Replace the exported files only: outDir/run holds the training snapshot to resume from.
  for (const f of ['config.json', 'G.safetensors', 'G_ema.safetensors', 'D.safetensors', 'samples.png', 'model.json', 'MODEL_CARD.md']) {
    fs.rmSync(path.join(outDir, f), { force: true });
  }
  await saveModel(outDir, state.config, { G_ema, D }, { dtype: 'F16' });

  const seeds = Array.from({ length: 64 }, (_, i) => i);
  const images = await renderSeeds(G_ema, seeds, { psi: 0.7, noiseMode: 'const' });
  const res = G_ema.config.img_resolution;
  const all = new Uint8Array(images.length * res * res * 3);
  images.forEach((img, i) => all.set(img.pixels, i * res * res * 3));
  const grid = tileGrid(all, images.length, res, 8, 8);
  await sharp(Buffer.from(grid), { raw: { width: 8 * res, height: 8 * res, channels: 3 } }).png().toFile(path.join(outDir, 'samples.png'));

  const log = fs
    .readFileSync(path.join(runDir, 'log.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { secPerTick: number; cpuSecPerTick?: number; threads?: number });
  const hours = log.reduce((s, t) => s + t.secPerTick, 0) / 3600;
  // CPU time: measured where the log has it; older ticks ran one thread (wall ≈ CPU), and
  // ticks that ran on two threads before cpuSecPerTick was logged count wall × threads.
  const cpuHours = log.reduce((s, t) => s + (t.cpuSecPerTick ?? t.secPerTick * (t.threads ?? 1)), 0) / 3600;
  const threadedFrom = log.find((t) => (t.threads ?? 1) > 1) as { kimg?: number; threads?: number } | undefined;
  const groupOf = layerGroups(res);
  const groupNames = (['coarse', 'middle', 'fine'] as const).filter((x) => groupOf.includes(x));
  const influence = await layerInfluence(G_ema, [...groupNames.map((x) => groupOf.map((y) => y === x)), groupOf.map(() => true)]);
  const g = state.config.generator_kwargs;
  const params = Object.values(G_ema.params).reduce((s, v) => s + v.size, 0);
  fs.writeFileSync(
    path.join(outDir, 'model.json'),
    JSON.stringify({ name: 'Default faces', description: `Procedural cartoon faces, ${res} px, trained by Latent Atelier's own trainer (${state.kimg.toFixed(1)} kimg).`, license: 'CC0-1.0' }, null, 2) + '\n',
  );
  fs.writeFileSync(
    path.join(outDir, 'MODEL_CARD.md'),
    `# Default faces (bundled model)

StyleGAN2 (config F architecture, skip generator, resnet discriminator) trained from scratch by
Latent Atelier's own training core (\`lib/stylegan/train\`) on the TensorFlow.js ${state.backend} backend.

| | |
|---|---|
| data | 10,000 procedural cartoon faces at ${res} px from \`lib/faces\` (seed 2026), ours, CC0 |
| licence | CC0-1.0 (weights and outputs) |
| training | ${state.kimg.toFixed(1)} kimg, ${log.length} ticks, ${hours.toFixed(2)} h wall clock, ${cpuHours.toFixed(2)} CPU-hours on a shared 2-core CPU machine${threadedFrom ? ` (from ${threadedFrom.kimg?.toFixed(1)} kimg on ${threadedFrom.threads} threads, \`--threads\`)` : ''} |
| backend | ${state.backend} |
| hyper-parameters | ${hyperParameters(state.settings)} |
| architecture | ${res} px, z/w ${g.z_dim}/${g.w_dim}, ${g.mapping_kwargs.num_layers} mapping layers, channel_base ${g.synthesis_kwargs.channel_base}, channel_max ${g.synthesis_kwargs.channel_max}, ${G_ema.numWs} ws, ${params.toLocaleString('en')} generator parameters |
| style layers | mean \\|Δ pixel\\| when one group of ws comes from another sample (32 seeds, ψ 0.7; \`tools/layer-influence.ts\`): ${groupNames.map((x, k) => `${x} ${influence[k].toFixed(1)}`).join(', ')}, all ${influence.at(-1)!.toFixed(1)} |
| weights | G_ema and D in float16 (\`G_ema.safetensors\`, \`D.safetensors\`, official tensor names) |

${process.env.STATUS_NOTE ? `**Status:** ${process.env.STATUS_NOTE}\n\n` : ''}Samples (seeds 0–63, ψ 0.7, constant noise):

![samples](samples.png)

Reproduce: \`tools/train-default-model.sh\` (resumes from \`models/default/run/\`), then
\`node --import tsx tools/export-default-model.ts\`.
`,
  );
  console.log(`exported ${latest.network} (${state.kimg.toFixed(2)} kimg) to ${outDir}`);
}

/** The settings of the latest snapshot, one line (a resumed run may have changed some, e.g. γ). */
function hyperParameters(s: SnapshotState['settings']): string {
  return [
    `batch ${s.batch}`,
    `lr G/D ${s.glr}/${s.dlr}`,
    `R1 γ ${s.gamma} every ${s.r1Interval} steps`,
    `path-length weight ${s.plWeight}`,
    `style mixing ${s.styleMixing}`,
    `G_ema half-life ${s.emaKimg} kimg`,
    `augment ${s.aug} (target ${s.target}, ${s.adaKimg} kimg for p 0→1)`,
  ].join(', ');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
