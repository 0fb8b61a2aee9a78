/**
 * Projection quality: project images the model itself generated (seeds,
 * ψ 0.7, the model's constant noise) and report the PSNR of the projection
 * against them, in W mode (one w, constant noise) and W+ mode (one w per
 * layer, noise maps optimised). Prints one table row per seed and the means.
 *
 *   node --import tsx bench/projection/index.ts [--model=models/default] [--seeds=0-9] [--steps=150]
 *        [--modes=w,wplus] [--ablation] [--photo=FILE]
 *
 * --ablation adds W+ runs on the first three seeds with each distance term
 * on its own and together (pixel; pixel + discriminator; + identity).
 * --photo=FILE projects a real photo (face-aligned) with and without the
 * identity term and reports the identity distance (1 − cos of face-api's
 * embedding) between the aligned photo and the projection.
 */
import path from 'node:path';
import fs from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../lib/stylegan/backend';
import { loadDiscriminator, loadGenerator, readConfig } from '../../lib/stylegan/model-io';
import { renderSeeds } from '../../lib/stylegan/synthesize';
import { project, type ProjectOptions } from '../../lib/stylegan/projection/project';
import { DEFAULT_DISTANCE_WEIGHTS, type DistanceWeights } from '../../lib/stylegan/projection/distance';

function arg(name: string, fallback: string): string {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
}

function seedList(spec: string): number[] {
  const [a, b] = spec.split('-').map(Number);
  return b === undefined ? spec.split(',').map(Number) : Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

const MODES: Record<string, Partial<ProjectOptions>> = {
  w: { wPlus: false, optimizeNoise: false },
  wplus: { wPlus: true, optimizeNoise: true },
};

async function main() {
  const backend = await initBackend({ quiet: true });
  const dir = path.resolve(arg('model', 'models/default'));
  const steps = Number(arg('steps', '150'));
  const seeds = seedList(arg('seeds', '0-9'));
  const modes = arg('modes', 'w,wplus').split(',');
  const config = readConfig(dir);
  const G = loadGenerator(dir, config);
  const D = loadDiscriminator(dir, config);
  console.log(`model ${path.relative(process.cwd(), dir)} (${config.generator_kwargs.img_resolution} px, ${G.numWs} ws), ${steps} steps, backend ${backend.choice}`);
  console.log('| seed | mode | PSNR dB | pixel | D-feat | s/step |');
  console.log('|---:|---|---:|---:|---:|---:|');
  const sums: Record<string, number[]> = {};
  const run = async (label: string, seed: number, target: Uint8Array, opts: Partial<ProjectOptions>) => {
    const t0 = Date.now();
    const r = await project(G, D, target, { steps, seed: 0, ...opts });
    const sPerStep = (Date.now() - t0) / 1000 / steps;
    (sums[label] ??= []).push(r.psnr);
    console.log(`| ${seed} | ${label} | ${r.psnr.toFixed(2)} | ${r.final.pixel.toExponential(2)} | ${r.final.discriminator.toExponential(2)} | ${sPerStep.toFixed(2)} |`);
    return r;
  };
  for (const seed of seeds) {
    const [img] = await renderSeeds(G, [seed], { psi: 0.7 });
    for (const mode of modes) await run(mode, seed, img.pixels, MODES[mode]);
  }
  if (process.argv.includes('--ablation')) {
    const terms: Record<string, Partial<DistanceWeights>> = {
      'wplus pixel only': { discriminator: 0 },
      'wplus D only': { pixel: 0 },
      'wplus pixel+D': {},
    };
    for (const seed of seeds.slice(0, 3)) {
      const [img] = await renderSeeds(G, [seed], { psi: 0.7 });
      for (const [label, d] of Object.entries(terms)) {
        await run(label, seed, img.pixels, { ...MODES.wplus, distance: { ...DEFAULT_DISTANCE_WEIGHTS, ...d } });
      }
    }
  }
  console.log('\n| mode | runs | mean PSNR dB | min |');
  console.log('|---|---:|---:|---:|');
  for (const [label, v] of Object.entries(sums)) {
    console.log(`| ${label} | ${v.length} | ${(v.reduce((a, b) => a + b, 0) / v.length).toFixed(2)} | ${Math.min(...v).toFixed(2)} |`);
  }
  const photo = arg('photo', '');
  if (photo) {
    const { prepareTarget } = await import('../../lib/stylegan/projection/target-image');
    const { faceIdentityEmbedder } = await import('../../lib/stylegan/projection/face/identity');
    const embed = await faceIdentityEmbedder();
    const res = config.generator_kwargs.img_resolution;
    const target = await prepareTarget(fs.readFileSync(photo), res, { align: true, faceIndex: 0 });
    const idDistance = (a: Uint8Array, b: Uint8Array) =>
      tf.tidy(() => {
        const ea = embed(tf.tensor4d(a, [1, res, res, 3], 'float32').div(127.5).sub(1) as tf.Tensor4D);
        const eb = embed(tf.tensor4d(b, [1, res, res, 3], 'float32').div(127.5).sub(1) as tf.Tensor4D);
        const cos = ea.mul(eb).sum().div(ea.norm().mul(eb.norm()));
        return 1 - cos.dataSync()[0];
      });
    console.log(`\nreal photo ${path.basename(photo)} (aligned face ${target.faceIndex}), W+ with noise, ${steps} steps`);
    console.log('| distance | PSNR dB | identity distance (1 − cos) |');
    console.log('|---|---:|---:|');
    for (const [label, d] of Object.entries({ 'pixel+D': {}, 'pixel+D+identity': { identity: 0.5 } }) as [string, Partial<DistanceWeights>][]) {
      const r = await project(G, D, target.pixels, { steps, ...MODES.wplus, distance: { ...DEFAULT_DISTANCE_WEIGHTS, ...d } }, { identity: embed });
      console.log(`| ${label} | ${r.psnr.toFixed(2)} | ${idDistance(target.pixels, r.image).toFixed(3)} |`);
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
