// `npm run --silent stylegan -- metrics --network DIR --data DIR|procedural --metrics fid,kid,pr,ppl --num N`
// Prints one JSON line per metric. --data procedural uses the procedural face generator the
// bundled model was trained on (lib/faces, seed 2026) instead of a folder of images.
import path from 'node:path';
import { initBackend, parseBackendOverride } from '@/lib/stylegan/backend';
import { loadGenerator, readConfig } from '@/lib/stylegan/model-io';
import { computeMetrics, METRIC_NAMES, type MetricName } from './compute-metrics';
import { DEFAULT_INPUT_SIZE } from './inception';
import { folderSource, PROCEDURAL_DATA, proceduralSource } from './image-sources';

export const METRICS_USAGE =
  'usage: stylegan metrics --network DIR --data DIR|procedural [--metrics fid,kid,pr,ppl] [--num N] [--input-size PX] [--backend NAME]\n';

export type MetricsCliOptions = { network: string; data: string; metrics: MetricName[]; num: number; inputSize: number; backend: string | null };

export function parseMetricsArgs(args: string[]): MetricsCliOptions | string {
  const opts: Partial<MetricsCliOptions> = { metrics: [...METRIC_NAMES], num: 2000, inputSize: DEFAULT_INPUT_SIZE, backend: null };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].includes('=') ? args[i].split(/=(.*)/s, 2) : [args[i], undefined];
    const value = inline ?? args[++i];
    if (!flag.startsWith('--')) return `unexpected argument ${flag}`;
    if (value === undefined || value === '') return `${flag} needs a value`;
    switch (flag) {
      case '--network':
        opts.network = value;
        break;
      case '--data':
        opts.data = value;
        break;
      case '--metrics': {
        const names = value.split(',').map((s) => s.trim().toLowerCase());
        const bad = names.filter((n) => !(METRIC_NAMES as readonly string[]).includes(n));
        if (bad.length) return `unknown metric ${bad.join(', ')} (known: ${METRIC_NAMES.join(', ')})`;
        opts.metrics = [...new Set(names)] as MetricName[];
        break;
      }
      case '--num':
      case '--input-size': {
        const n = Number(value);
        const min = flag === '--num' ? 4 : 75;
        if (!Number.isInteger(n) || n < min) return `${flag} must be an integer ≥ ${min}`;
        if (flag === '--num') opts.num = n;
        else opts.inputSize = n;
        break;
      }
      case '--backend':
        opts.backend = value;
        break;
      default:
        return `unknown option ${flag}`;
    }
  }
  if (!opts.network) return 'missing --network DIR';
  if (!opts.data) return `missing --data DIR (or --data ${PROCEDURAL_DATA})`;
  return opts as MetricsCliOptions;
}

export async function runMetricsCli(args: string[]): Promise<number> {
  const parsed = parseMetricsArgs(args);
  if (typeof parsed === 'string') {
    process.stderr.write(`stylegan metrics: ${parsed}\n${METRICS_USAGE}`);
    return 2;
  }
  let backend: ReturnType<typeof parseBackendOverride> = null;
  try {
    backend = parsed.backend ? parseBackendOverride(parsed.backend) : null;
  } catch (err) {
    process.stderr.write(`stylegan metrics: --backend: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  await initBackend(backend ? { backend, quiet: true } : { quiet: true });
  const dir = path.resolve(parsed.network);
  const G = loadGenerator(dir, readConfig(dir));
  const res = G.config.img_resolution;
  const real = parsed.data === PROCEDURAL_DATA ? proceduralSource(parsed.num, res) : await folderSource(parsed.data, parsed.num, res);
  await computeMetrics({
    G,
    real,
    metrics: parsed.metrics,
    num: parsed.num,
    inputSize: parsed.inputSize,
    onResult: (r) => {
      process.stdout.write(JSON.stringify(r) + '\n');
    },
  });
  return 0;
}
