/**
 * One benchmark run for a machine with a GPU: synthesis throughput (img/s at 32, 64 and
 * 256 px, batch 1 and 16; bench/synthesis) and training speed (s/kimg at 32 and 64 px,
 * batch 16; bench/train) on each of `--backends` (default wasm,webgpu), within a time
 * budget, and ONE markdown table at the end with the backends side by side.
 *
 *   node --import tsx bench/gpu/index.ts [--backends=wasm,webgpu] [--budget-s=420] [--quick]
 *                                        [--synth=32,64,256] [--train=32,64]
 *   bash bench/gpu/device-check.sh      (the same, with the GPU checks and a wall-clock guard)
 *
 * First line: the machine (CPU model, cores, Node); second: the GPU adapter Dawn gave.
 *
 * Order: the cheap measurements of every backend first (synthesis at 32/64 px and 256 px
 * batch 1), then training at 32 px, training at 64 px, and synthesis at 256 px batch 16
 * last. Before each measurement its time is estimated from the ones already made (batch
 * 16 ≈ 16 × batch 1; a training step ≈ 35 × a 32 px batch-16 synthesis call, ×3.7 at
 * 64 px); one that would not fit in what is left of --budget-s is skipped and the table
 * says so. Timed iterations shrink as the budget runs out. --quick: one timed call per
 * synthesis measurement and one plain training step; on a software adapter (Mesa
 * llvmpipe) it also skips 64 px training.
 *
 * The table is printed on SIGTERM/SIGINT too (with what was measured), so an outer
 * `timeout` still leaves a result.
 *
 * Bundling: no top-level await, no file reads that a bundle needs (the model configs are
 * compiled in), so `esbuild bench/gpu/index.ts --bundle --platform=node --format=cjs
 * --external:webgpu --external:sharp` gives one file that runs with node_modules/webgpu
 * and node_modules/@tensorflow/tfjs-backend-wasm (its .wasm files) beside it. sharp is
 * required at load by lib/stylegan/train (dataset.ts, test-data.ts) but never called.
 */
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { activateBackend, describeAdapter, type BackendChoice, type BackendInfo } from '../../lib/stylegan/backend';
import { Generator } from '../../lib/stylegan/generator';
import { SYNTHESIS_CONFIGS, isSlowBackend, timeSynthesis, yieldToEventLoop, type SynthesisConfig } from '../synthesis/index';
import { measureTraining, trainSettings, trainVariants, TRAIN_BATCH } from '../train/index';

export interface GpuBenchOptions {
  backends: BackendChoice[];
  budgetS: number;
  quick: boolean;
  synth: string[];
  train: number[];
  /** progress lines (stderr by default) */
  log?: (line: string) => void;
}

/** A training step costs about this many 32 px batch-16 synthesis calls (measured: wasm 30, llvmpipe 34). */
const TRAIN_STEP_PER_SYNTH16 = 35;
/** A 64 px training step costs about this many 32 px ones (wasm: 3.7). */
const TRAIN_64_PER_32 = 3.7;
/** Kept free at the end of the budget for the table. */
const RESERVE_S = 3;

interface Cell {
  /** the number, formatted, or a reason it is missing */
  text: string;
  value?: number;
  note?: string;
}

interface Row {
  kind: 'synthesis' | 'training';
  config: string;
  batch: string;
  /** higher is better (img/s) or lower is better (s/kimg) */
  higherIsBetter: boolean;
  cells: Map<BackendChoice, Cell>;
}

interface BackendState {
  choice: BackendChoice;
  info: BackendInfo | null;
  error?: string;
  /** measured seconds per call: `${configId}/${batch}` → s */
  synthCall: Map<string, number>;
  /** measured wall seconds per training step at a resolution */
  trainStep: Map<number, number>;
}

function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x >= 100) return x.toFixed(0);
  return x.toPrecision(3);
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0];
}

/** The machine line: CPU model, cores, memory, OS, Node, tfjs. */
export function machineLine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model?.trim() || 'unknown CPU';
  const mem = (os.totalmem() / 2 ** 30).toFixed(0);
  return `machine: ${model}, ${cpus.length} cores, ${mem} GiB; ${os.platform()} ${os.release()} ${os.arch()}; node ${process.version}; tfjs ${tf.version.tfjs}`;
}

export function parseArgs(argv: string[]): GpuBenchOptions {
  const get = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const list = (name: string, dflt: string) =>
    (get(name) ?? dflt)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const budget = Number(get('budget-s') ?? 420);
  if (!Number.isFinite(budget) || budget <= 0) throw new Error(`--budget-s must be a positive number of seconds, got ${get('budget-s')}`);
  return {
    backends: list('backends', 'wasm,webgpu') as BackendChoice[],
    budgetS: budget,
    quick: argv.includes('--quick'),
    synth: list('synth', '32,64,256'),
    train: list('train', '32,64').map(Number),
  };
}

/**
 * Runs the measurements and returns the report (machine line, adapter line, table, notes).
 * `onPartial` receives the report built so far after each measurement (for a signal handler).
 */
export async function runGpuBench(opts: GpuBenchOptions, onPartial?: (report: string) => void): Promise<string> {
  const log = opts.log ?? ((line: string) => process.stderr.write(line + '\n'));
  // performance.now() counts from the start of the process: module loading is inside the budget.
  const deadline = opts.budgetS * 1000;
  const left = () => Math.max(0, (deadline - performance.now()) / 1000 - RESERVE_S);
  const backends: BackendState[] = opts.backends.map((choice) => ({ choice, info: null, synthCall: new Map(), trainStep: new Map() }));
  const rows: Row[] = [];
  const header: string[] = [machineLine()];
  const notes: string[] = [];

  const report = (final: boolean) => formatReport(header, backends, rows, notes, opts, final);

  // ---- start every backend once (the adapter line; a backend that does not start is reported)
  for (const b of backends) {
    try {
      b.info = await activateBackend(b.choice);
      if (b.info.adapter) header.push(`GPU adapter (${b.choice}): ${describeAdapter(b.info.adapter)} ${JSON.stringify(b.info.adapter)}`);
      else if (b.choice === 'wasm') header.push(`wasm: simd=${b.info.simd}, threads=${b.info.threads}`);
    } catch (err) {
      b.error = firstLine(err);
      header.push(`${b.choice}: does not start: ${b.error}`);
    }
    log(header[header.length - 1]);
  }
  if (!backends.some((b) => b.info?.adapter)) header.push('GPU adapter: none (webgpu not among --backends, or it did not start)');

  const software = (b: BackendState) => Boolean(b.info?.adapter?.software);
  const rowFor = (kind: Row['kind'], config: string, batch: string, higherIsBetter: boolean): Row => {
    let row = rows.find((r) => r.kind === kind && r.config === config && r.batch === batch);
    if (!row) {
      row = { kind, config, batch, higherIsBetter, cells: new Map() };
      rows.push(row);
    }
    return row;
  };
  const use = async (b: BackendState) => {
    if (!b.info) return false;
    await activateBackend(b.choice);
    return true;
  };

  // ---- synthesis
  const synthConfigs = SYNTHESIS_CONFIGS.filter((c) => opts.synth.includes(c.id));
  // Rows in a fixed order, whatever runs first.
  for (const c of synthConfigs) for (const batch of [1, 16]) rowFor('synthesis', c.label, String(batch), true);
  for (const res of opts.train) rowFor('training', trainLabel(res), trainBatchLabel(res), false);

  const synth = async (b: BackendState, cfg: SynthesisConfig, batches: number[], tasksLeft: number) => {
    const slow = b.info ? isSlowBackend(b.info) : false;
    const big = cfg.resolution >= 128;
    let G: Generator | null = null;
    try {
      for (const batch of batches) {
        const row = rowFor('synthesis', cfg.label, String(batch), true);
        if (row.cells.has(b.choice)) continue; // settled earlier (batch 1 failed)
        if (b.error || !b.info) {
          row.cells.set(b.choice, { text: 'backend does not start' });
          continue;
        }
        if (slow && big && batch > 1) {
          const where = software(b) ? 'on a software adapter' : `on ${b.choice}`;
          row.cells.set(b.choice, { text: `skipped ${where} (~16× the batch-1 time)` });
          continue;
        }
        const b1 = b.synthCall.get(`${cfg.id}/1`);
        if (batch > 1 && b1 === undefined && batches.length === 1) {
          row.cells.set(b.choice, { text: 'not run: batch 1 failed or was skipped' });
          continue;
        }
        const warmUp = !(slow && big);
        // Estimate: batch 16 ≈ 16 × batch 1 (pessimistic on a GPU); the warm-up call plus one timed call.
        if (batch > 1 && b1 !== undefined) {
          const est = 16 * b1 * (warmUp ? 2 : 1);
          if (est > left()) {
            row.cells.set(b.choice, { text: `skipped: would not fit the time budget (est. ${est.toFixed(0)} s, ${left().toFixed(0)} s left)` });
            continue;
          }
        }
        if (left() <= 0) {
          row.cells.set(b.choice, { text: 'skipped: time budget spent' });
          continue;
        }
        if (!G) {
          await use(b);
          G = Generator.init(cfg.kwargs, 0);
        }
        const limits = {
          minSeconds: opts.quick ? 0 : Math.min(3, Math.max(0.2, left() / (4 * Math.max(1, tasksLeft)))),
          maxIters: opts.quick || (slow && big) ? 1 : big ? 5 : 30,
          warmUp,
        };
        try {
          const r = await timeSynthesis(G, batch, limits);
          b.synthCall.set(`${cfg.id}/${batch}`, r.secPerCall);
          const bits = [`${r.iters} call${r.iters === 1 ? '' : 's'}`];
          if (r.warmUpS !== null) bits.push(`first ${fmt(r.warmUpS)} s`);
          else bits.push('no warm-up');
          row.cells.set(b.choice, { text: fmt(r.imgPerSec), value: r.imgPerSec, note: bits.join(', ') });
        } catch (err) {
          row.cells.set(b.choice, { text: `fails: ${firstLine(err)}` });
          // batch 16 would fail the same way
          if (batch === 1) {
            const other = rowFor('synthesis', cfg.label, '16', true);
            if (!other.cells.has(b.choice)) other.cells.set(b.choice, { text: 'not run: batch 1 fails' });
          }
        }
        log(`synthesis ${b.choice} ${cfg.label} batch ${batch}: ${row.cells.get(b.choice)!.text} (${left().toFixed(0)} s left)`);
        onPartial?.(report(false));
        await yieldToEventLoop();
      }
    } finally {
      G?.dispose();
    }
  };

  const train = async (b: BackendState, res: number) => {
    const row = rowFor('training', trainLabel(res), trainBatchLabel(res), false);
    if (b.error || !b.info) {
      row.cells.set(b.choice, { text: 'backend does not start' });
      return;
    }
    if (opts.quick && software(b) && res > 32) {
      row.cells.set(b.choice, { text: 'skipped on a software adapter (--quick)' });
      return;
    }
    // Per-step estimate: from this backend's smaller training run, else from its 32 px batch-16 synthesis.
    const smaller = [...b.trainStep.entries()].filter(([r]) => r < res).sort((x, y) => y[0] - x[0])[0];
    const s16 = b.synthCall.get('32/16');
    let perStep: number | undefined;
    if (smaller) perStep = smaller[1] * TRAIN_64_PER_32 ** Math.log2(res / smaller[0]);
    else if (s16 !== undefined) perStep = s16 * TRAIN_STEP_PER_SYNTH16 * TRAIN_64_PER_32 ** Math.log2(res / 32);
    let plainSteps = opts.quick ? 1 : 2;
    // warm-up (×1.5 for compilation) + plain steps + the R1 step (×1.5)
    const est = (n: number) => (perStep === undefined ? 0 : perStep * (n + 3));
    if (est(plainSteps) > left() && plainSteps > 1) plainSteps = 1;
    if (est(plainSteps) > left() || left() <= 0) {
      const why = software(b) ? ' (software adapter)' : '';
      row.cells.set(b.choice, {
        text:
          perStep === undefined
            ? 'skipped: time budget spent'
            : `skipped${why}: would not fit the time budget (est. ${est(plainSteps).toFixed(0)} s, ${left().toFixed(0)} s left)`,
      });
      return;
    }
    const [variant] = trainVariants([b.choice], 'ours');
    const m = await measureTraining(variant, res, plainSteps);
    if (m.error !== undefined || m.secPerKimg === undefined) {
      row.cells.set(b.choice, { text: `fails: ${m.error ?? 'no result'}` });
    } else {
      b.trainStep.set(res, m.stepWall!);
      const clock = m.clock === 'cpu' ? `CPU time (wall ${fmt(m.secPerKimgWall!)})` : 'wall time';
      row.cells.set(b.choice, {
        text: fmt(m.secPerKimg),
        value: m.secPerKimg,
        note: `${clock}; ${fmt(m.stepWall!)} s/step wall, ${plainSteps + 2} steps incl. warm-up ${fmt(m.warmUpWall!)} s`,
      });
    }
    log(`training ${b.choice} ${res} px: ${row.cells.get(b.choice)!.text} (${left().toFixed(0)} s left)`);
    onPartial?.(report(false));
    await yieldToEventLoop();
  };

  // ---- the plan: cheap things for every backend first, then the expensive ones
  const small = synthConfigs.filter((c) => c.resolution < 128);
  const large = synthConfigs.filter((c) => c.resolution >= 128);
  const phases: { name: string; run: (b: BackendState, tasksLeft: number) => Promise<void>; tasks: number }[] = [
    {
      name: 'synthesis (small, and batch 1 at 256 px)',
      tasks: small.length * 2 + large.length,
      run: async (b, t) => {
        for (const c of small) await synth(b, c, [1, 16], t);
        for (const c of large) await synth(b, c, [1], t);
      },
    },
    ...opts.train.map((res) => ({ name: `training ${res} px`, tasks: 1, run: (b: BackendState) => train(b, res) })),
    {
      name: 'synthesis (batch 16 at 256 px)',
      tasks: large.length,
      run: async (b: BackendState, t: number) => {
        for (const c of large) await synth(b, c, [16], t);
      },
    },
  ];
  let tasksLeft = phases.reduce((n, p) => n + p.tasks * backends.length, 0);
  for (const phase of phases) {
    for (const b of backends) {
      log(`— ${phase.name} on ${b.choice} (${left().toFixed(0)} s of the budget left)`);
      await phase.run(b, tasksLeft);
      tasksLeft -= phase.tasks;
    }
  }
  return report(true);
}

function trainLabel(res: number): string {
  return `${res} px, 64 ch, z/w 128`;
}

function trainBatchLabel(res: number): string {
  const s = trainSettings(res, 0);
  return `${TRAIN_BATCH} (${s.batchGpu}/pass)`;
}

function formatReport(header: string[], backends: BackendState[], rows: Row[], notes: string[], opts: GpuBenchOptions, final: boolean): string {
  const names = backends.map((b) => b.choice);
  const compare = names.includes('wasm') ? names.filter((n) => n !== 'wasm') : [];
  const head = [
    'benchmark',
    'config',
    'batch',
    ...names.map((n) => (n === 'webgpu' && backends.find((b) => b.choice === n)?.info?.adapter?.software ? `${n} (software adapter)` : n)),
    ...compare.map((n) => `${n} vs wasm`),
    'notes',
  ];
  const lines = [head, head.map(() => '---')];
  for (const r of rows) {
    const unit = r.kind === 'synthesis' ? 'synthesis, img/s ↑' : 'training, s/kimg ↓';
    const cells = names.map((n) => r.cells.get(n)?.text ?? (final ? 'not run' : '…'));
    const ratios = compare.map((n) => {
      const a = r.cells.get('wasm')?.value;
      const x = r.cells.get(n)?.value;
      if (a === undefined || x === undefined) return '—';
      const speedUp = r.higherIsBetter ? x / a : a / x;
      const f = speedUp >= 1 ? speedUp : 1 / speedUp;
      return `${f >= 10 ? f.toFixed(0) : f.toPrecision(2)}× ${speedUp >= 1 ? 'faster' : 'slower'}`;
    });
    const rowNotes = names
      .map((n) => (r.cells.get(n)?.note ? `${n}: ${r.cells.get(n)!.note}` : ''))
      .filter(Boolean)
      .join('; ');
    lines.push([unit, r.config, r.batch, ...cells, ...ratios, rowNotes]);
  }
  const table = lines.map((l) => `| ${l.map((c) => c.replace(/\|/g, '/')).join(' | ')} |`).join('\n');
  const elapsed = performance.now() / 1000;
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
  const tail = [
    ...notes,
    `${final ? 'done after' : 'INTERRUPTED: partial results, the last one at'} ${elapsed.toFixed(0)} s of a ${opts.budgetS} s budget${opts.quick ? ' (--quick)' : ''}; load average ${load}.`,
    'img/s: mapping + synthesis (const noise) + `await data()`, median call after one warm-up call; random-init weights. ' +
      's/kimg: full training step (Gmain + Dmain + lazy R1/16 + G_ema), batch 16, median plain step after one warm-up step; CPU time on wasm (one thread), wall time on webgpu.',
  ];
  return [...header, '', table, '', ...tail].join('\n') + '\n';
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  let partial = '';
  let printed = false;
  const onSignal = (sig: NodeJS.Signals) => {
    if (!printed) {
      printed = true;
      process.stdout.write((partial || machineLine() + '\n(no measurement finished)\n') + `(stopped by ${sig})\n`);
    }
    process.exit(sig === 'SIGTERM' ? 124 : 130);
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  const report = await runGpuBench(opts, (r) => {
    partial = r;
  });
  printed = true;
  process.stdout.write(report);
}

/** The program itself (tsx bench/gpu/index.ts, or a CJS bundle of it); not when imported. */
function isEntry(): boolean {
  const arg = process.argv[1];
  if (arg && /bench[\\/]gpu[\\/]index(\.[cm]?[jt]s)?$/.test(path.resolve(arg))) return true;
  return typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module;
}

if (isEntry()) {
  main().then(
    // Dawn keeps the event loop alive: leave once the table is out.
    () => process.exit(process.exitCode ?? 0),
    (err) => {
      process.stderr.write(String(err?.stack ?? err) + '\n');
      process.exit(1);
    },
  );
}
