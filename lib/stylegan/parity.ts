/**
 * Parity check against official reference outputs: recompute every case of a
 * folder in the fixture's layout (config.json, G.safetensors, D.safetensors,
 * cases.safetensors) and report max |out − ref| and ‖out − ref‖ / ‖ref‖.
 * Case names are parsed, not hard-coded, so any configuration works:
 *   ws_psi<ψ>[_cutoff<k>]          mapping of z
 *   img_const_psi<ψ> / img_none_psi<ψ>   synthesis of ws_psi<ψ> with const / no noise
 *   ws_mix, img_mix_const           rows [0,n) of ws_psi1 mixed with rows [n,2n) from mix_cutoff_layer on
 *   d_logits_<img case>             discriminator on that reference image
 *   d_logits_reals                  discriminator on d_reals
 * When the folder also holds train_cases.safetensors, the official training phases
 * (Gmain, Dmain, Dreg) are checked as well (train-parity.ts).
 * Results are downloaded with `await t.data()` (never dataSync), so this also runs on webgpu.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { Discriminator } from './discriminator';
import type { Generator } from './generator';
import { loadDiscriminator, loadGenerator, readConfig } from './model-io';
import { mixAtCutoff } from './mixing';
import { readSafetensors, type SafeTensor } from './safetensors';
import { runTrainParity, type PhaseResult, type TrainPhase } from './train-parity';

export interface CaseResult {
  case: string;
  maxAbsError: number;
  relError: number;
}

export const PARITY_TOLERANCE = 1e-4;

export function compareArrays(name: string, out: ArrayLike<number>, ref: ArrayLike<number>): CaseResult {
  if (out.length !== ref.length) throw new Error(`${name}: ${out.length} values, reference has ${ref.length}`);
  let maxAbs = 0;
  let diffSq = 0;
  let refSq = 0;
  for (let i = 0; i < ref.length; i++) {
    const d = out[i] - ref[i];
    if (!Number.isFinite(d)) return { case: name, maxAbsError: Infinity, relError: Infinity };
    maxAbs = Math.max(maxAbs, Math.abs(d));
    diffSq += d * d;
    refSq += ref[i] * ref[i];
  }
  return { case: name, maxAbsError: maxAbs, relError: Math.sqrt(diffSq) / Math.max(Math.sqrt(refSq), 1e-30) };
}

const nchwToNhwc = (t: SafeTensor) => tf.tensor4d(t.data, t.shape as [number, number, number, number]).transpose([0, 2, 3, 1]) as tf.Tensor4D;

const nhwcToNchw = (img: tf.Tensor4D) => img.transpose([0, 3, 1, 2]);

/** Download a tensor's values asynchronously and dispose it. */
async function download(t: tf.Tensor): Promise<Float32Array> {
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}

export interface ParityModels {
  G: Generator;
  D: Discriminator | null;
  mixCutoffLayer: number;
}

/** Which reference cases exist and how each is computed, as a list of thunks returning values. */
export function parityCases(
  models: ParityModels,
  cases: Record<string, SafeTensor>,
): { name: string; compute: () => Promise<Float32Array> }[] {
  const { G, D } = models;
  const out: { name: string; compute: () => Promise<Float32Array> }[] = [];
  const zRef = cases.z;
  const wsInput = (key: string) => {
    const t = cases[key];
    if (!t) throw new Error(`cases: ${key} is needed as synthesis input but missing`);
    return tf.tensor3d(t.data, t.shape as [number, number, number]);
  };
  for (const key of Object.keys(cases).sort()) {
    let m: RegExpMatchArray | null;
    if ((m = key.match(/^ws_psi([0-9.]+)(?:_cutoff(\d+))?$/))) {
      const psi = Number(m[1]);
      const cutoff = m[2] === undefined ? null : Number(m[2]);
      out.push({
        name: key,
        compute: () =>
          download(
            tf.tidy(() => {
              const z = tf.tensor2d(zRef.data, zRef.shape as [number, number]);
              return G.mapping(z, { psi, truncationCutoff: cutoff });
            }),
          ),
      });
    } else if ((m = key.match(/^img_(const|none)_psi([0-9.]+)$/))) {
      const noiseMode = m[1] as 'const' | 'none';
      const wsKey = `ws_psi${m[2]}`;
      out.push({
        name: key,
        compute: () => download(tf.tidy(() => nhwcToNchw(G.synthesis(wsInput(wsKey), { noiseMode })))),
      });
    } else if (key === 'ws_mix' || key === 'img_mix_const') {
      out.push({
        name: key,
        compute: () =>
          download(
            tf.tidy(() => {
              if (key === 'img_mix_const') return nhwcToNchw(G.synthesis(wsInput('ws_mix'), { noiseMode: 'const' }));
              const ws = wsInput('ws_psi1');
              const half = cases.ws_mix.shape[0];
              const a = ws.slice([0, 0, 0], [half, -1, -1]) as tf.Tensor3D;
              const b = ws.slice([half, 0, 0], [half, -1, -1]) as tf.Tensor3D;
              return mixAtCutoff(a, b, models.mixCutoffLayer);
            }),
          ),
      });
    } else if ((m = key.match(/^d_logits_(.+)$/)) && D) {
      const imgKey = m[1] === 'reals' ? 'd_reals' : m[1];
      const img = cases[imgKey];
      if (!img) throw new Error(`cases: ${key} needs ${imgKey}`);
      out.push({ name: key, compute: () => download(tf.tidy(() => D.call(nchwToNhwc(img)))) });
    }
  }
  return out;
}

export interface ParityRun {
  /** forward cases (cases.safetensors) */
  results: CaseResult[];
  /** training phases (train_cases.safetensors; empty when the folder has none) */
  phases: PhaseResult[];
  ok: boolean;
  /** worst forward relError */
  worstRelError: number;
}

export interface ParityOptions {
  onResult?: (r: CaseResult) => void;
  onPhase?: (r: PhaseResult) => void;
  /** run only the forward cases / training phases whose name passes */
  only?: (name: string) => boolean;
  /** check train_cases.safetensors when present (default true) */
  training?: boolean;
}

/**
 * Load a model folder and run every forward case, then (when the folder has
 * train_cases.safetensors) every training phase; the callbacks see each result as it finishes.
 */
export async function runParity(dir: string, opts: ParityOptions = {}): Promise<ParityRun> {
  const config = readConfig(dir);
  // The reference cases are computed with G; fall back to G_ema for folders that only ship that.
  const G = loadGenerator(dir, config, fs.existsSync(path.join(dir, 'G.safetensors')) ? 'G.safetensors' : 'G_ema.safetensors');
  const D = fs.existsSync(path.join(dir, 'D.safetensors')) ? loadDiscriminator(dir, config) : null;
  try {
    const cases = readSafetensors(fs.readFileSync(path.join(dir, 'cases.safetensors'))).tensors;
    const numWs = G.numWs;
    const mixCutoffLayer = typeof config.raw.mix_cutoff_layer === 'number' ? config.raw.mix_cutoff_layer : Math.floor(numWs / 2);
    const results: CaseResult[] = [];
    for (const c of parityCases({ G, D, mixCutoffLayer }, cases)) {
      if (opts.only && !opts.only(c.name)) continue;
      const r = compareArrays(c.name, await c.compute(), cases[c.name].data);
      results.push(r);
      opts.onResult?.(r);
    }
    const worstRelError = results.reduce((a, r) => Math.max(a, r.relError), 0);

    let phases: PhaseResult[] = [];
    const trainFile = path.join(dir, 'train_cases.safetensors');
    if (opts.training !== false && fs.existsSync(trainFile)) {
      if (!D) throw new Error(`${trainFile} needs D.safetensors`);
      if (!fs.existsSync(path.join(dir, 'G.safetensors'))) throw new Error(`${trainFile} needs G.safetensors (the trained generator, not G_ema)`);
      const trainCase = config.raw.train_case as { r1_gamma?: unknown } | undefined;
      const r1Gamma = trainCase?.r1_gamma;
      if (typeof r1Gamma !== 'number') throw new Error(`${trainFile} needs config.json → train_case.r1_gamma`);
      const trainCases = readSafetensors(fs.readFileSync(trainFile)).tensors;
      phases = await runTrainParity(G, D, trainCases, {
        r1Gamma,
        onPhase: opts.onPhase,
        only: opts.only ? (p: TrainPhase) => opts.only!(p) : undefined,
      });
    }
    const ran = results.length + phases.length;
    const ok = ran > 0 && results.every((r) => r.relError <= PARITY_TOLERANCE) && phases.every((p) => p.ok);
    return { results, phases, ok, worstRelError };
  } finally {
    G.dispose();
    D?.dispose();
  }
}
