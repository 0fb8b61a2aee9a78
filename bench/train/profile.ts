/**
 * Where a training step's time goes on wasm: kernel time by kernel name, per phase (Gmain, Dmain,
 * Dreg), from tf.profile, for the bench/compare architecture (z/w 512, 8 mapping layers,
 * 64 channels, batch 16) on one thread.
 *
 *   node --import tsx bench/train/profile.ts [--res=32] [--top=25] [--by-shape]
 *
 * --by-shape: one row per kernel name and input shapes (to find the slow calls of a kernel).
 *
 * Kernel times are wall times of each kernel call: on a loaded machine they are inflated alike,
 * so read the shares, not the seconds.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../lib/stylegan/backend';
import { registerWasmTrainingKernels } from '../../lib/stylegan/kernels';
import { disposeNetworks, initNetworks } from '../../lib/stylegan/train/networks';
import { syntheticDataset } from '../../lib/stylegan/train/test-data';
import { Trainer } from '../../lib/stylegan/train/trainer';
import { compareConfig, compareSettings } from '../compare/index';

type Table = Map<string, { ms: number; calls: number }>;

async function main(): Promise<void> {
  const arg = (n: string) => process.argv.find((a) => a.startsWith(`--${n}=`))?.split('=')[1];
  const res = Number(arg('res') ?? 32);
  const top = Number(arg('top') ?? 25);
  const byShape = process.argv.includes('--by-shape');
  await initBackend({ backend: 'wasm', quiet: true });
  registerWasmTrainingKernels();
  const nets = initNetworks(compareConfig(res), 0);
  const batchGpu = Number(arg('batch-gpu') ?? 16);
  const trainer = new Trainer(nets, syntheticDataset(res, 64), { ...compareSettings(res, 1), batchGpu });
  const tables: Record<string, Table> = {};
  const wall: Record<string, number> = {};
  let profiling = false;
  const methods = trainer as unknown as Record<string, (...a: unknown[]) => Promise<void>>;
  for (const [method, phase] of [['gMain', 'Gmain'], ['dMain', 'Dmain'], ['dR1', 'Dreg']] as const) {
    const original = methods[method].bind(trainer);
    methods[method] = async (...args: unknown[]) => {
      if (!profiling) return original(...args);
      const t0 = performance.now();
      const info = await tf.profile(() => original(...args) as unknown as tf.Tensor);
      wall[phase] = (wall[phase] ?? 0) + performance.now() - t0;
      const table = (tables[phase] ??= new Map());
      for (const k of info.kernels) {
        const ms = await k.kernelTimeMs;
        const key = byShape ? `${k.name} ${JSON.stringify(k.inputShapes)}` : k.name;
        const e = table.get(key) ?? { ms: 0, calls: 0 };
        e.ms += typeof ms === 'number' ? ms : 0;
        e.calls += 1;
        table.set(key, e);
      }
    };
  }
  trainer.batchIdx = 1;
  await trainer.step(); // warm-up
  profiling = true;
  trainer.batchIdx = 16; // a step with R1
  await trainer.step();
  const all: Table = new Map();
  for (const [phase, table] of Object.entries(tables)) {
    const total = [...table.values()].reduce((a, b) => a + b.ms, 0);
    process.stdout.write(`\n${phase}: wall ${(wall[phase] / 1000).toFixed(2)} s (profiled), kernel time ${(total / 1000).toFixed(2)} s\n`);
    process.stdout.write('| kernel | ms | share | calls |\n| --- | --- | --- | --- |\n');
    for (const [name, e] of [...table.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, top)) {
      process.stdout.write(`| ${name} | ${e.ms.toFixed(0)} | ${((100 * e.ms) / total).toFixed(1)} % | ${e.calls} |\n`);
      const a = all.get(name) ?? { ms: 0, calls: 0 };
      a.ms += e.ms;
      a.calls += e.calls;
      all.set(name, a);
    }
  }
  trainer.dispose();
  disposeNetworks(nets);
}

main().catch((err) => {
  process.stderr.write(String(err?.stack ?? err) + '\n');
  process.exitCode = 1;
});
