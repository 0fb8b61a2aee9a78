// A small daily bar chart in inline SVG: no chart library, readable without JavaScript, with a
// <title> per bar for hover values and an accessible label.
export function BarChart({
  label,
  points,
  format = (v) => String(Math.round(v)),
  height = 120,
  color = 'var(--color-accent, #7c3aed)',
}: {
  label: string;
  points: { day: string; value: number }[];
  format?: (v: number) => string;
  height?: number;
  color?: string;
}) {
  const max = Math.max(0, ...points.map((p) => p.value));
  const width = 600;
  const pad = { top: 8, bottom: 18, left: 4, right: 4 };
  const inner = height - pad.top - pad.bottom;
  const step = (width - pad.left - pad.right) / Math.max(1, points.length);
  const bar = Math.max(1, step * 0.7);
  return (
    <figure className="rounded-lg border border-stone-200 bg-white p-3">
      <figcaption className="flex items-baseline justify-between text-sm">
        <span className="font-medium">{label}</span>
        <span className="text-xs text-stone-500">max {format(max)} / day</span>
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} className="mt-2 h-auto w-full" data-testid="bar-chart">
        <line x1={pad.left} x2={width - pad.right} y1={height - pad.bottom} y2={height - pad.bottom} stroke="#d6d3d1" />
        {points.map((p, i) => {
          const h = max > 0 ? (p.value / max) * inner : 0;
          const x = pad.left + i * step + (step - bar) / 2;
          return (
            <rect key={p.day} x={x} y={height - pad.bottom - h} width={bar} height={Math.max(h, p.value > 0 ? 1 : 0)} fill={color} rx={1}>
              <title>{`${p.day}: ${format(p.value)}`}</title>
            </rect>
          );
        })}
        {points.length > 0 && (
          <>
            <text x={pad.left} y={height - 4} fontSize="10" fill="#78716c">{points[0]!.day}</text>
            <text x={width - pad.right} y={height - 4} fontSize="10" fill="#78716c" textAnchor="end">{points.at(-1)!.day}</text>
          </>
        )}
      </svg>
    </figure>
  );
}

/** A tiny inline sparkline of daily values for table rows. */
export function Sparkline({ values, label }: { values: number[]; label: string }) {
  const max = Math.max(0, ...values);
  const w = 120;
  const h = 24;
  const step = w / Math.max(1, values.length);
  return (
    <svg viewBox={`0 0 ${w} ${h}`} width={w} height={h} role="img" aria-label={label}>
      {values.map((v, i) => {
        const bh = max > 0 ? (v / max) * (h - 2) : 0;
        return <rect key={i} x={i * step} y={h - bh} width={Math.max(1, step - 1)} height={bh} fill="#a8a29e" />;
      })}
    </svg>
  );
}

export function formatSeconds(s: number) {
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  if (s < 3600) return `${(s / 60).toFixed(1)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

export function formatBytes(b: number) {
  if (b < 1024) return `${b} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = b / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}
