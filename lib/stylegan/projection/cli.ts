/**
 * `npm run --silent stylegan -- project --network DIR --target IMAGE --outdir DIR
 *    [--steps N] [--wplus] [--seed S] [--no-align] …`
 *
 * Writes projected_w.safetensors (tensor `w` [1, num_ws, w_dim], plus
 * `noise.<layer>` [res, res] when the noise maps were optimised), proj.png
 * and target.png, and prints one JSON summary line. Exit codes: 0 done,
 * 1 error (bad image, no face, …), 2 bad usage.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { initBackend } from '../backend';
import { loadDiscriminator, loadGenerator, readConfig } from '../model-io';
import { writeSafetensors } from '../safetensors';
import { DEFAULT_DISTANCE_WEIGHTS } from './distance';
import { DEFAULT_PROJECT_OPTIONS, project, type ProjectOptions } from './project';
import { prepareTarget, TargetImageError } from './target-image';

export const PROJECT_HELP = `Project an image into a model's latent space (StyleGAN2 projector).

usage: stylegan project --network DIR --target IMAGE --outdir DIR [options]

  --network DIR          model folder (config.json, G_ema.safetensors or G.safetensors, D.safetensors)
  --target IMAGE         PNG, JPEG or WebP photo
  --outdir DIR           writes projected_w.safetensors, proj.png, target.png
  --steps N              optimisation steps (default ${DEFAULT_PROJECT_OPTIONS.steps})
  --wplus                optimise one w per layer (W+) and the noise maps
  --no-noise             with --wplus: keep the model's constant noise maps
  --noise                without --wplus: optimise the noise maps too
  --seed S               seed of the exploration noise (default 0)
  --lr X                 peak learning rate (default ${DEFAULT_PROJECT_OPTIONS.lr})
  --no-align             skip face detection and alignment (centre square crop instead)
  --face N               which face when the photo has several (0 = largest)
  --pixel-weight X       multi-scale pixel L2 weight (default ${DEFAULT_DISTANCE_WEIGHTS.pixel})
  --d-weight X           discriminator-feature weight (default ${DEFAULT_DISTANCE_WEIGHTS.discriminator}; 0 without D.safetensors)
  --id-weight X          face-identity weight (face-api recognition net; default 0)
`;

export interface ProjectCliArgs {
  network: string;
  target: string;
  outdir: string;
  align: boolean;
  face: number | null;
  options: Partial<ProjectOptions>;
}

function num(name: string, value: string | undefined, integer: boolean, min: number): number {
  const n = Number(value);
  if (value === undefined || value === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min) {
    throw new Error(`${name} needs ${integer ? 'an integer' : 'a number'} ≥ ${min}, got ${value ?? 'nothing'}`);
  }
  return n;
}

export function parseProjectArgs(args: string[]): ProjectCliArgs {
  const out: Partial<ProjectCliArgs> = { align: true, face: null };
  const options: Partial<ProjectOptions> = {};
  const distance = { ...DEFAULT_DISTANCE_WEIGHTS };
  let wplus = false;
  let noise: boolean | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const next = () => args[++i];
    switch (a) {
      case '--network': out.network = next(); break;
      case '--target': out.target = next(); break;
      case '--outdir': out.outdir = next(); break;
      case '--steps': options.steps = num(a, next(), true, 1); break;
      case '--seed': options.seed = num(a, next(), true, 0); break;
      case '--lr': options.lr = num(a, next(), false, 0); break;
      case '--wplus': wplus = true; break;
      case '--noise': noise = true; break;
      case '--no-noise': noise = false; break;
      case '--no-align': out.align = false; break;
      case '--face': out.face = num(a, next(), true, 0); break;
      case '--pixel-weight': distance.pixel = num(a, next(), false, 0); break;
      case '--d-weight': distance.discriminator = num(a, next(), false, 0); break;
      case '--id-weight': distance.identity = num(a, next(), false, 0); break;
      default: throw new Error(`unknown option ${a}`);
    }
  }
  for (const key of ['network', 'target', 'outdir'] as const) {
    if (!out[key]) throw new Error(`--${key} is required`);
  }
  options.wPlus = wplus;
  options.optimizeNoise = noise ?? wplus;
  options.distance = distance;
  return { ...(out as ProjectCliArgs), options };
}

export async function runProjectCli(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(PROJECT_HELP);
    return 0;
  }
  let parsed: ProjectCliArgs;
  try {
    parsed = parseProjectArgs(args);
  } catch (err) {
    process.stderr.write(`stylegan project: ${(err as Error).message}\n${PROJECT_HELP}`);
    return 2;
  }
  const started = Date.now();
  const backend = await initBackend({ quiet: true });
  const dir = path.resolve(parsed.network);
  const config = readConfig(dir);
  const res = config.generator_kwargs.img_resolution;
  let target;
  try {
    target = await prepareTarget(fs.readFileSync(path.resolve(parsed.target)), res, { align: parsed.align, faceIndex: parsed.face });
  } catch (err) {
    if (err instanceof TargetImageError) {
      const faces = err.faces?.map((f, i) => ({
        face: i,
        box: Object.fromEntries(Object.entries(f.box).map(([k, v]) => [k, Math.round(v)])),
        score: Number(f.score.toFixed(3)),
      }));
      process.stderr.write(`stylegan project: ${err.message}${faces ? ` (pick one with --face N: ${JSON.stringify(faces)})` : ''}\n`);
      return 1;
    }
    throw err;
  }
  const G = loadGenerator(dir, config);
  const hasD = fs.existsSync(path.join(dir, 'D.safetensors'));
  const D = hasD && parsed.options.distance!.discriminator > 0 ? loadDiscriminator(dir, config) : null;
  if (!D) parsed.options.distance!.discriminator = 0;
  let identity = null;
  if (parsed.options.distance!.identity > 0) {
    const { faceIdentityEmbedder } = await import('./face/identity');
    identity = await faceIdentityEmbedder();
  }
  const result = await project(G, D, target.pixels, parsed.options, { identity });
  const outdir = path.resolve(parsed.outdir);
  fs.mkdirSync(outdir, { recursive: true });
  const tensors: Record<string, { shape: number[]; data: Float32Array }> = {
    w: { shape: [1, result.numWs, result.wDim], data: result.ws },
  };
  for (const n of result.noise ?? []) tensors[`noise.${n.name}`] = { shape: [n.resolution, n.resolution], data: n.data };
  fs.writeFileSync(path.join(outdir, 'projected_w.safetensors'), writeSafetensors(tensors, { metadata: { format: 'pt' } }));
  const raw = { raw: { width: res, height: res, channels: 3 as const } };
  await sharp(Buffer.from(result.image), raw).png().toFile(path.join(outdir, 'proj.png'));
  await sharp(Buffer.from(target.pixels), raw).png().toFile(path.join(outdir, 'target.png'));
  process.stdout.write(
    JSON.stringify({
      psnr: Number(result.psnr.toFixed(3)),
      loss: result.final.loss,
      distances: { pixel: result.final.pixel, discriminator: result.final.discriminator, identity: result.final.identity, noiseReg: result.final.noiseReg },
      steps: result.steps,
      wPlus: parsed.options.wPlus,
      optimizeNoise: parsed.options.optimizeNoise,
      aligned: parsed.align,
      face: target.faceIndex,
      numWs: result.numWs,
      wDim: result.wDim,
      backend: backend.choice,
      seconds: (Date.now() - started) / 1000,
    }) + '\n',
  );
  G.dispose();
  D?.dispose();
  return 0;
}
