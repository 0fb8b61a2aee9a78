/**
 * `npm run --silent stylegan -- <command> …`
 *   parity <dir>   recompute every reference case of a folder in the fixture's
 *                  layout; one JSON line per case, then a summary line; exit 1
 *                  if any relError > 1e-4.
 *   train …        the training CLI (lib/stylegan/train).
 */
import path from 'node:path';
import { initBackend } from './backend';
import { PARITY_TOLERANCE, runParity } from './parity';

const USAGE = 'usage: stylegan parity <model-dir> | stylegan train …\n';

async function parityCommand(args: string[]): Promise<number> {
  const dir = args[0];
  if (!dir) {
    process.stderr.write(USAGE);
    return 2;
  }
  const backend = await initBackend();
  const started = Date.now();
  const run = runParity(path.resolve(dir), {
    onResult: (r) => process.stdout.write(JSON.stringify(r) + '\n'),
  });
  const failed = run.results.filter((r) => !(r.relError <= PARITY_TOLERANCE)).map((r) => r.case);
  process.stdout.write(
    JSON.stringify({
      summary: true,
      backend: backend.choice,
      cases: run.results.length,
      failed,
      worstRelError: run.worstRelError,
      tolerance: PARITY_TOLERANCE,
      ok: run.ok,
      seconds: (Date.now() - started) / 1000,
    }) + '\n',
  );
  return run.ok ? 0 : 1;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'parity':
      return parityCommand(rest);
    case 'train': {
      const { runTrainCli } = await import('./train/cli');
      return runTrainCli(rest);
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
