import type { TickRow } from '@/lib/training/training-runs';

const SERIES = [
  { key: 'lossG', label: 'G loss', color: '#7c3aed' },
  { key: 'lossDreal', label: 'D loss (real)', color: '#059669' },
  { key: 'lossDfake', label: 'D loss (fake)', color: '#dc2626' },
] as const;

/** Loss curves against kimg as inline SVG (no chart library). */
export function LossChart({ ticks }: { ticks: TickRow[] }) {
  const W = 480;
  const H = 200;
  const pad = { l: 40, r: 10, t: 10, b: 24 };
  const points = ticks.filter((t) => SERIES.some((s) => t[s.key] !== null));
  if (points.length === 0) return <p className="text-sm text-stone-500">Curves appear after the first tick.</p>;
  const xs = points.map((t) => t.kimg);
  const ys = points.flatMap((t) => SERIES.map((s) => t[s.key]).filter((v): v is number => v !== null && Number.isFinite(v)));
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  let [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  if (y1 - y0 < 1e-9) [y0, y1] = [y0 - 1, y1 + 1];
  const sx = (x: number) => pad.l + (x1 === x0 ? 0.5 : (x - x0) / (x1 - x0)) * (W - pad.l - pad.r);
  const sy = (y: number) => pad.t + (1 - (y - y0) / (y1 - y0)) * (H - pad.t - pad.b);
  return (
    <figure>
      <svg viewBox={`0 0 ${W} ${H}`} className="w-full" role="img" aria-label="Loss curves" data-testid="loss-chart">
        <line x1={pad.l} y1={H - pad.b} x2={W - pad.r} y2={H - pad.b} stroke="#d6d3d1" />
        <line x1={pad.l} y1={pad.t} x2={pad.l} y2={H - pad.b} stroke="#d6d3d1" />
        <text x={pad.l - 4} y={pad.t + 8} fontSize="10" textAnchor="end" fill="#78716c">{y1.toFixed(2)}</text>
        <text x={pad.l - 4} y={H - pad.b} fontSize="10" textAnchor="end" fill="#78716c">{y0.toFixed(2)}</text>
        <text x={pad.l} y={H - 6} fontSize="10" fill="#78716c">{x0.toFixed(3)} kimg</text>
        <text x={W - pad.r} y={H - 6} fontSize="10" textAnchor="end" fill="#78716c">{x1.toFixed(3)} kimg</text>
        {SERIES.map((s) => {
          const pts = points.filter((t) => t[s.key] !== null && Number.isFinite(t[s.key]!)).map((t) => `${sx(t.kimg).toFixed(1)},${sy(t[s.key]!).toFixed(1)}`);
          return pts.length ? <polyline key={s.key} points={pts.join(' ')} fill="none" stroke={s.color} strokeWidth="1.5" data-series={s.key} /> : null;
        })}
      </svg>
      <figcaption className="flex gap-4 text-xs">
        {SERIES.map((s) => (
          <span key={s.key} className="flex items-center gap-1"><span className="inline-block h-2 w-3" style={{ background: s.color }} />{s.label}</span>
        ))}
      </figcaption>
    </figure>
  );
}
