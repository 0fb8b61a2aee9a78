// Metric values against kimg over a training run's snapshots, one small inline-SVG chart per metric.
import type { MetricRunView } from '@/lib/metrics/start-metrics';
import type { MetricResult } from '@/lib/metrics/results';

const SERIES = [
  { key: 'fid', label: 'FID', value: (r: MetricResult) => (r.metric === 'fid' ? r.value : null) },
  { key: 'kid', label: 'KID×10³', value: (r: MetricResult) => (r.metric === 'kid' ? r.value * 1000 : null) },
  { key: 'precision', label: 'Precision', value: (r: MetricResult) => (r.metric === 'pr' ? r.precision : null) },
  { key: 'recall', label: 'Recall', value: (r: MetricResult) => (r.metric === 'pr' ? r.recall : null) },
  { key: 'ppl', label: 'PPL', value: (r: MetricResult) => (r.metric === 'ppl' ? r.value : null) },
] as const;

function Curve({ label, points }: { label: string; points: Array<[number, number]> }) {
  const W = 220;
  const H = 90;
  const pad = { l: 34, r: 6, t: 14, b: 16 };
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  let [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  if (y1 - y0 < 1e-9) [y0, y1] = [y0 - 1, y1 + 1];
  const sx = (x: number) => pad.l + (x1 === x0 ? 0.5 : (x - x0) / (x1 - x0)) * (W - pad.l - pad.r);
  const sy = (y: number) => pad.t + (1 - (y - y0) / (y1 - y0)) * (H - pad.t - pad.b);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="w-full" role="img" aria-label={`${label} over kimg`} data-testid={`metric-curve-${label}`}>
      <text x={pad.l} y={10} fontSize="10" fill="#44403c">{label}</text>
      <text x={pad.l - 3} y={pad.t + 6} fontSize="8" textAnchor="end" fill="#78716c">{y1.toPrecision(3)}</text>
      <text x={pad.l - 3} y={H - pad.b} fontSize="8" textAnchor="end" fill="#78716c">{y0.toPrecision(3)}</text>
      <text x={pad.l} y={H - 3} fontSize="8" fill="#78716c">{x0.toFixed(2)} kimg</text>
      <text x={W - pad.r} y={H - 3} fontSize="8" textAnchor="end" fill="#78716c">{x1.toFixed(2)}</text>
      <line x1={pad.l} y1={H - pad.b} x2={W - pad.r} y2={H - pad.b} stroke="#d6d3d1" />
      <polyline fill="none" stroke="#7c3aed" strokeWidth="1.5" points={points.map(([x, y]) => `${sx(x)},${sy(y)}`).join(' ')} />
      {points.map(([x, y]) => <circle key={`${x}-${y}`} cx={sx(x)} cy={sy(y)} r="2" fill="#7c3aed" />)}
    </svg>
  );
}

export function MetricCurves({ runs }: { runs: MetricRunView[] }) {
  const charts = SERIES.map((s) => ({
    label: s.label,
    points: runs.flatMap((run) => ((Array.isArray(run.results) ? run.results : []) as MetricResult[]).map((r) => s.value(r)).filter((v): v is number => v !== null && Number.isFinite(v)).map((v) => [run.kimg, v] as [number, number])),
  })).filter((c) => c.points.length > 0);
  if (charts.length === 0) return <p className="text-sm text-stone-500">Curves appear once the first snapshot has been measured.</p>;
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="metric-curves">
      {charts.map((c) => <Curve key={c.label} label={c.label} points={c.points} />)}
    </div>
  );
}
