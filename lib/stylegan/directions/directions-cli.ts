/**
 * `stylegan directions --network DIR --method sefa|ganspace --layers A-B --k K --out FILE.safetensors
 *    [--samples N] [--seed S]`
 * Writes tensors `directions` [K, w_dim] and `values` [K] (eigenvalues for SeFa,
 * explained variance for GANSpace) and prints one JSON summary line. --layers is
 * inclusive and only used by SeFa (default: every ws index).
 */
import fs from 'node:fs';
import path from 'node:path';
import { initBackend } from '../backend';
import { loadGenerator, readConfig } from '../model-io';
import { writeSafetensors } from '../safetensors';
import { ganspace, GANSPACE_DEFAULT_SAMPLES } from './ganspace';
import { parseInclusiveRange, type LayerRange } from './layer-range';
import { sefa } from './sefa';

const USAGE =
  'usage: stylegan directions --network DIR --method sefa|ganspace [--layers A-B] [--k K] --out FILE.safetensors [--samples N] [--seed S]\n';

interface Args {
  network: string;
  method: 'sefa' | 'ganspace';
  layers: LayerRange | null;
  k: number;
  out: string;
  samples: number;
  seed: number;
}

function parseArgs(argv: string[]): Args | string {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) return `unexpected argument ${a}`;
    const eq = a.indexOf('=');
    const key = eq > 0 ? a.slice(2, eq) : a.slice(2);
    const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (!['network', 'method', 'layers', 'k', 'out', 'samples', 'seed'].includes(key)) return `unknown option --${key}`;
    if (value === undefined) return `--${key} needs a value`;
    raw[key] = value;
  }
  if (!raw.network) return 'missing --network';
  if (!raw.out) return 'missing --out';
  if (raw.method !== 'sefa' && raw.method !== 'ganspace') return '--method must be sefa or ganspace';
  const layers = raw.layers === undefined ? null : parseInclusiveRange(raw.layers);
  if (raw.layers !== undefined && !layers) return '--layers must look like A-B with A ≤ B';
  const int = (v: string | undefined, d: number) => (v === undefined ? d : /^\d+$/.test(v) ? Number(v) : NaN);
  const k = int(raw.k, 10);
  const samples = int(raw.samples, GANSPACE_DEFAULT_SAMPLES);
  const seed = int(raw.seed, 0);
  if (!(k >= 1)) return '--k must be a positive integer';
  if (!(samples >= 2)) return '--samples must be an integer ≥ 2';
  if (Number.isNaN(seed)) return '--seed must be a non-negative integer';
  return { network: raw.network, method: raw.method, layers, k, out: raw.out, samples, seed };
}

export async function runDirectionsCli(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`stylegan directions: ${args}\n${USAGE}`);
    return 2;
  }
  const backend = await initBackend({ quiet: true });
  const started = Date.now();
  const dir = path.resolve(args.network);
  const config = readConfig(dir);
  const g = loadGenerator(dir, config);
  try {
    const layers = args.layers ?? { start: 0, end: g.numWs };
    if (args.k > g.config.w_dim) {
      process.stderr.write(`stylegan directions: --k ${args.k} exceeds w_dim ${g.config.w_dim}\n`);
      return 2;
    }
    if (layers.end > g.numWs) {
      process.stderr.write(`stylegan directions: --layers goes past the last ws index ${g.numWs - 1}\n`);
      return 2;
    }
    const result =
      args.method === 'sefa' ? await sefa(g, layers, args.k) : await ganspace(g, { k: args.k, samples: args.samples, seed: args.seed });
    const metadata: Record<string, string> = { method: args.method, k: String(args.k), w_dim: String(result.wDim) };
    if (args.method === 'sefa') metadata.layers = `${layers.start}-${layers.end - 1}`;
    else metadata.samples = String(args.samples);
    fs.mkdirSync(path.dirname(path.resolve(args.out)), { recursive: true });
    fs.writeFileSync(
      args.out,
      writeSafetensors(
        { directions: { shape: [args.k, result.wDim], data: result.directions }, values: { shape: [args.k], data: result.values } },
        { metadata },
      ),
    );
    process.stdout.write(
      JSON.stringify({
        method: args.method,
        network: dir,
        backend: backend.choice,
        wDim: result.wDim,
        numWs: g.numWs,
        k: args.k,
        layers: args.method === 'sefa' ? [layers.start, layers.end - 1] : null,
        samples: args.method === 'ganspace' ? args.samples : null,
        values: Array.from(result.values),
        out: path.resolve(args.out),
        seconds: (Date.now() - started) / 1000,
      }) + '\n',
    );
    return 0;
  } catch (err) {
    if (err instanceof RangeError) {
      process.stderr.write(`stylegan directions: ${err.message}\n`);
      return 2;
    }
    throw err;
  } finally {
    g.dispose();
  }
}
