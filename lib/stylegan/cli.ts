/**
 * `npm run --silent stylegan -- <command> …`
 *   parity [--backend NAME] <dir>
 *                  recompute every reference case of a folder in the fixture's
 *                  layout; one JSON line per case, then (when the folder has
 *                  train_cases.safetensors) one per training phase (Gmain, Dmain,
 *                  Dreg), then a summary line; exit 1 if any case's relError > 1e-4
 *                  or a phase fails (loss rel. error > 1e-4, gradRelError > 1e-3, or
 *                  one parameter's gradient rel. error > 1e-2). --backend picks the
 *                  tfjs backend (as TFJS_BACKEND does, which it overrides).
 *   train …        the training CLI (lib/stylegan/train).
 *   metrics …      FID, KID, precision/recall and PPL of a network (lib/metrics/cli.ts);
 *                  one JSON line per metric.
 *   project …      the projector CLI (lib/stylegan/projection/cli.ts).
 *   directions …   SeFa / GANSpace directions to safetensors (lib/stylegan/directions/directions-cli.ts).
 */
import path from 'node:path';
import { initBackend, parseBackendOverride } from './backend';
import { PARITY_TOLERANCE, runParity } from './parity';
import { TRAIN_TOLERANCE } from './train-parity';

const USAGE = 'usage: stylegan parity [--backend NAME] <model-dir> | stylegan train … | stylegan metrics … | stylegan project … | stylegan directions …\n';

function parseParityArgs(args: string[]): { dir: string; backend: string | null } | string {
  let dir: string | null = null;
  let backend: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--backend' || a.startsWith('--backend=')) {
      const value = a === '--backend' ? args[++i] : a.slice('--backend='.length);
      if (!value) return '--backend needs a name';
      backend = value;
    } else if (a.startsWith('-')) {
      return `unknown option ${a}`;
    } else if (dir === null) {
      dir = a;
    } else {
      return `unexpected argument ${a}`;
    }
  }
  return dir === null ? 'missing <model-dir>' : { dir, backend };
}

async function parityCommand(args: string[]): Promise<number> {
  const parsed = parseParityArgs(args);
  if (typeof parsed === 'string') {
    process.stderr.write(`stylegan parity: ${parsed}\n${USAGE}`);
    return 2;
  }
  let choice: ReturnType<typeof parseBackendOverride> = null;
  if (parsed.backend !== null) {
    try {
      choice = parseBackendOverride(parsed.backend);
    } catch (err) {
      process.stderr.write(`stylegan parity: --backend: ${err instanceof Error ? err.message : String(err)}\n`);
      return 2;
    }
  }
  const backend = await initBackend(choice ? { backend: choice } : {});
  const started = Date.now();
  const write = (line: object) => process.stdout.write(JSON.stringify(line) + '\n');
  const run = await runParity(path.resolve(parsed.dir), { onResult: write, onPhase: write });
  const failed = [
    ...run.results.filter((r) => !(r.relError <= PARITY_TOLERANCE)).map((r) => r.case),
    ...run.phases.filter((p) => !p.ok).map((p) => p.phase),
  ];
  const worst = (values: number[]) => (values.length ? Math.max(...values) : null);
  write({
    summary: true,
    backend: backend.choice,
    cases: run.results.length,
    phases: run.phases.length,
    failed,
    worstRelError: run.worstRelError,
    tolerance: PARITY_TOLERANCE,
    worstLossRelError: worst(run.phases.map((p) => p.lossRelError)),
    worstGradRelError: worst(run.phases.map((p) => p.gradRelError)),
    worstTensorRelError: worst(run.phases.map((p) => p.worst?.relError ?? 0)),
    trainTolerance: { lossRel: TRAIN_TOLERANCE.lossRel, gradRel: TRAIN_TOLERANCE.gradRel, tensorRel: TRAIN_TOLERANCE.tensorRel },
    result: run.ok ? 'pass' : 'fail',
    ok: run.ok,
    seconds: (Date.now() - started) / 1000,
  });
  return run.ok ? 0 : 1;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'parity':
      return parityCommand(rest);
    case 'metrics': {
      // lib/metrics sits beside the core and imports it, not the other way round: loaded lazily.
      const { runMetricsCli } = await import('../metrics/cli');
      return runMetricsCli(rest);
    }
    case 'project': {
      const { runProjectCli } = await import('./projection/cli');
      return runProjectCli(rest);
    }
    case 'train': {
      const { runTrainCli } = await import('./train/cli');
      return runTrainCli(rest);
    }
    case 'directions': {
      const { runDirectionsCli } = await import('./directions/directions-cli');
      return runDirectionsCli(rest);
    }
    default:
      process.stderr.write(USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
