/**
 * A/B of one of our wasm training kernels against the stock one, interleaved step by step in
 * one process (so load from other processes falls on both alike): the same Trainer alternates
 * steps with the kernel installed (A) and with tfjs-wasm's own (B). Architecture as bench/compare
 * (z/w 512, 8 mapping layers, 64 channels, batch 16), one thread.
 *
 *   node --import tsx bench/train/ab-kernel.ts [--kernel=matMul] [--res=32] [--pairs=4]
 *
 * Prints the median process-CPU and wall seconds per step of each side and their ratio. Steps
 * with R1 are not included (plain Gmain + Dmain + G_ema steps only).
 */
import os from 'node:os';
import { initBackend } from '../../lib/stylegan/backend';
import { registerWasmTrainingKernels, unregisterWasmTrainingKernels } from '../../lib/stylegan/kernels';
import { disposeNetworks, initNetworks } from '../../lib/stylegan/train/networks';
import { syntheticDataset } from '../../lib/stylegan/train/test-data';
import { Trainer } from '../../lib/stylegan/train/trainer';
import { compareConfig, compareSettings } from '../compare/index';

type KernelName = 'filter' | 'input' | 'unpack' | 'identity' | 'matMul';

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const arg = (n: string) => process.argv.find((a) => a.startsWith(`--${n}=`))?.split('=')[1];
  const kernel = (arg('kernel') ?? 'matMul') as KernelName;
  const res = Number(arg('res') ?? 32);
  const pairs = Number(arg('pairs') ?? 4);
  await initBackend({ backend: 'wasm', quiet: true });
  registerWasmTrainingKernels();
  const nets = initNetworks(compareConfig(res), 0);
  const trainer = new Trainer(nets, syntheticDataset(res, 64), compareSettings(res, 1));
  const use = (ours: boolean) => {
    unregisterWasmTrainingKernels();
    registerWasmTrainingKernels({ [kernel]: ours });
  };
  const times = { A: { cpu: [] as number[], wall: [] as number[] }, B: { cpu: [] as number[], wall: [] as number[] } };
  const load = [os.loadavg()[0]];
  let idx = 1;
  for (let i = -1; i < pairs; i++) {
    for (const side of i % 2 === 0 ? (['A', 'B'] as const) : (['B', 'A'] as const)) {
      use(side === 'A');
      trainer.batchIdx = idx++ % 16 === 0 ? idx++ : idx - 1; // never an R1 step
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await trainer.step();
      const c = process.cpuUsage(c0);
      if (i >= 0) {
        times[side].cpu.push((c.user + c.system) / 1e6);
        times[side].wall.push((performance.now() - t0) / 1000);
      }
    }
  }
  load.push(os.loadavg()[0]);
  registerWasmTrainingKernels();
  trainer.dispose();
  disposeNetworks(nets);
  const a = { cpu: median(times.A.cpu), wall: median(times.A.wall) };
  const b = { cpu: median(times.B.cpu), wall: median(times.B.wall) };
  process.stdout.write(
    `${new Date().toISOString()} ${res} px, kernel ${kernel}, ${pairs} pairs, load ${load.map((l) => l.toFixed(1)).join(' → ')}\n` +
      `| side | CPU s/step | wall s/step |\n| --- | --- | --- |\n` +
      `| A: ours | ${a.cpu.toFixed(3)} | ${a.wall.toFixed(3)} |\n| B: stock | ${b.cpu.toFixed(3)} | ${b.wall.toFixed(3)} |\n` +
      `| B / A | ${(b.cpu / a.cpu).toFixed(2)}× | ${(b.wall / a.wall).toFixed(2)}× |\n`,
  );
}

main().catch((err) => {
  process.stderr.write(String(err?.stack ?? err) + '\n');
  process.exitCode = 1;
});
