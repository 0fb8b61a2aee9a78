export const FACES_USAGE = `Usage: npm run --silent faces -- --out DIR --count N [--seed S] [--size PX] [--grid FILE]

Generates the procedural face dataset (CC0): DIR/00000000.png … and DIR/attributes.jsonl.

Options:
  --out DIR     output folder (created if missing); needs --count
  --count N     number of images, a positive integer
  --seed S      dataset seed, an integer 0 … 4294967295 (default 0)
  --size PX     image width and height in pixels, 8 … 2048 (default 64)
  --grid FILE   also write an 8×8 contact sheet PNG of the first 64 faces
  --help        show this help

At least one of --out or --grid is required.`;

export interface FacesCliOptions {
  outDir?: string;
  count?: number;
  seed: number;
  size: number;
  gridFile?: string;
  help: boolean;
}

export class FacesUsageError extends Error {}

const VALUE_FLAGS = new Set(['--out', '--count', '--seed', '--size', '--grid']);

function parseInteger(flag: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw)) throw new FacesUsageError(`${flag} expects an integer, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new FacesUsageError(`${flag} must be between ${min} and ${max}, got ${raw}`);
  return value;
}

/** Parses `--flag value` and `--flag=value` arguments; throws FacesUsageError with a readable message. */
export function parseFacesArgs(argv: readonly string[]): FacesCliOptions {
  const values = new Map<string, string>();
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (!VALUE_FLAGS.has(flag)) throw new FacesUsageError(`unknown argument "${arg}"`);
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new FacesUsageError(`${flag} needs a value`);
    if (values.has(flag)) throw new FacesUsageError(`${flag} given twice`);
    values.set(flag, value);
  }
  const options: FacesCliOptions = {
    outDir: values.get('--out'),
    gridFile: values.get('--grid'),
    seed: values.has('--seed') ? parseInteger('--seed', values.get('--seed')!, 0, 0xffffffff) : 0,
    size: values.has('--size') ? parseInteger('--size', values.get('--size')!, 8, 2048) : 64,
    count: values.has('--count') ? parseInteger('--count', values.get('--count')!, 1, 10_000_000) : undefined,
    help,
  };
  if (help) return options;
  if (options.outDir !== undefined && options.count === undefined) throw new FacesUsageError('--out needs --count N');
  if (options.outDir === undefined && options.count !== undefined) throw new FacesUsageError('--count needs --out DIR');
  if (options.outDir === undefined && options.gridFile === undefined) throw new FacesUsageError('nothing to do: give --out DIR --count N and/or --grid FILE');
  return options;
}
