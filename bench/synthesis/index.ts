/**
 * Synthesis throughput (images/s, mapping + synthesis, 'const' noise) at batch
 * 1 and 16, for the shared fixture's configuration (32 px, 64 channels) and a
 * 256 px configuration, on every backend that loads here.
 *
 *   npx tsx bench/synthesis/index.ts [--quick] [--backends=wasm,cpu]
 *
 * Weights are random (official-style init): throughput does not depend on them.
 * Each measurement: one warm-up call, then repeated calls until `minSeconds`
 * have passed or `maxIters` calls were made; the median per-call time is used.
 * The cpu backend is ~35× slower than wasm, so at 256 px it gets no warm-up,
 * a single timed batch-1 call (which includes one-time setup), and no batch-16 run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { activateBackend, type BackendChoice } from '../../lib/stylegan/backend';
import type { PartialGeneratorKwargs } from '../../lib/stylegan/config';
import { Generator } from '../../lib/stylegan/generator';
import { seedsToZTensor } from '../../lib/stylegan/synthesize';

interface BenchConfig {
  label: string;
  kwargs: PartialGeneratorKwargs;
}

const FIXTURE_CONFIG = path.resolve(__dirname, '../../../shared/fixtures/stylegan2-ada-32/config.json');

function fixtureKwargs(): PartialGeneratorKwargs {
  if (fs.existsSync(FIXTURE_CONFIG)) return JSON.parse(fs.readFileSync(FIXTURE_CONFIG, 'utf8')).generator_kwargs;
  return {
    z_dim: 64,
    w_dim: 64,
    img_resolution: 32,
    img_channels: 3,
    mapping_kwargs: { num_layers: 4 },
    synthesis_kwargs: { channel_base: 1024, channel_max: 64 },
  };
}

const CONFIGS: BenchConfig[] = [
  { label: '32 px, 64 ch (fixture)', kwargs: fixtureKwargs() },
  {
    label: '256 px, ≤512 ch',
    kwargs: {
      z_dim: 512,
      w_dim: 512,
      img_resolution: 256,
      img_channels: 3,
      mapping_kwargs: { num_layers: 8 },
      synthesis_kwargs: { channel_base: 16384, channel_max: 512, conv_clamp: 256 },
    },
  },
];

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeSynthesis(
  G: Generator,
  batch: number,
  limits: { minSeconds: number; maxIters: number; warmUp: boolean },
): { imgPerSec: number; iters: number } {
  const z = seedsToZTensor(
    Array.from({ length: batch }, (_, i) => i),
    G.config.z_dim,
  );
  const once = () => {
    const t0 = performance.now();
    const img = tf.tidy(() => G.synthesis(G.mapping(z, { psi: 0.7 }), { noiseMode: 'const' }));
    img.dataSync(); // wait for the result (and include the download, as real use does)
    img.dispose();
    return (performance.now() - t0) / 1000;
  };
  if (limits.warmUp) once();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < limits.maxIters && (times.length < 1 || (performance.now() - start) / 1000 < limits.minSeconds)) {
    times.push(once());
  }
  z.dispose();
  return { imgPerSec: batch / median(times), iters: times.length };
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const rows: string[][] = [];
  const only = process.argv.find((a) => a.startsWith('--backends='))?.slice('--backends='.length).split(',');
  const backends = (['node-gpu', 'node', 'wasm', 'cpu'] as BackendChoice[]).filter((b) => !only || only.includes(b));
  for (const backend of backends) {
    try {
      await activateBackend(backend);
    } catch (err) {
      process.stderr.write(`skip ${backend}: ${(err as Error).message.split('\n')[0]}\n`);
      continue;
    }
    for (const cfg of CONFIGS) {
      const G = Generator.init(cfg.kwargs, 0);
      const big = cfg.kwargs.img_resolution >= 128;
      const slow = backend === 'cpu';
      for (const batch of [1, 16]) {
        if (slow && big && batch > 1) {
          // one batch-16 call would take tens of minutes on the pure-JS backend
          rows.push([backend, cfg.label, String(batch), 'not run', '', 'skipped: ~16× the batch-1 time']);
          continue;
        }
        const limits = {
          minSeconds: quick ? 1 : 4,
          maxIters: slow && big ? 1 : big ? 5 : 50,
          warmUp: !(slow && big),
        };
        const r = timeSynthesis(G, batch, limits);
        const row = [
          backend,
          cfg.label,
          String(batch),
          r.imgPerSec.toPrecision(3),
          (1 / r.imgPerSec).toPrecision(3),
          `${r.iters}${limits.warmUp ? '' : ' (no warm-up)'}`,
        ];
        process.stderr.write(row.join(' | ') + '\n');
        rows.push(row);
      }
      G.dispose();
    }
  }
  const header = ['backend', 'config', 'batch', 'images/s', 's/image', 'timed calls'];
  const lines = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`);
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' / ');
  process.stdout.write(lines.join('\n') + `\n\nload average at the end (1/5/15 min): ${load}; ${os.cpus().length} CPUs\n`);
}

main().catch((err) => {
  process.stderr.write(String(err?.stack ?? err) + '\n');
  process.exitCode = 1;
});
