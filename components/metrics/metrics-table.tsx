// The metric runs of a model: one row per run, one column per metric. Server component.
import type { MetricRunView } from '@/lib/metrics/start-metrics';
import type { MetricResult } from '@/lib/metrics/results';

const f = (v: number, digits = 2) => (Number.isFinite(v) ? v.toFixed(digits) : '–');

function cell(results: MetricResult[], metric: MetricResult['metric']): string {
  const r = results.find((x) => x.metric === metric);
  if (!r) return '–';
  if (r.metric === 'pr') return `${f(r.precision, 3)} / ${f(r.recall, 3)}`;
  if (r.metric === 'kid') return f(r.value * 1000, 2);
  return f(r.value, r.metric === 'ppl' ? 1 : 2);
}

export function MetricsTable({ runs, note }: { runs: MetricRunView[]; note: string }) {
  const legend = (
    <p className="text-xs text-stone-500">
      {note}. PPL uses the squared distance of these features instead of LPIPS (W space, ε = 10⁻⁴, end-points). Precision and recall: k-NN manifolds, k = 3.
    </p>
  );
  if (runs.length === 0)
    return (
      <div className="space-y-2">
        <p className="text-sm text-stone-500" data-testid="metrics-empty">No measurements yet.</p>
        {legend}
      </div>
    );
  return (
    <div className="space-y-2">
      <div className="overflow-x-auto">
        <table className="w-full min-w-[36rem] text-left text-sm" data-testid="metrics-table">
          <thead className="text-xs text-stone-500">
            <tr>
              <th className="py-1 pr-3 font-medium">When</th>
              <th className="py-1 pr-3 font-medium">kimg</th>
              <th className="py-1 pr-3 font-medium">Images</th>
              <th className="py-1 pr-3 font-medium">FID ↓</th>
              <th className="py-1 pr-3 font-medium">KID×10³ ↓</th>
              <th className="py-1 pr-3 font-medium">Precision / recall ↑</th>
              <th className="py-1 pr-3 font-medium">PPL ↓</th>
              <th className="py-1 font-medium">State</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => {
              const results = (Array.isArray(run.results) ? run.results : []) as MetricResult[];
              return (
                <tr key={run.id} className="border-t border-stone-100" data-testid="metrics-row" data-state={run.state}>
                  <td className="py-1 pr-3 whitespace-nowrap">{run.createdAt.toISOString().slice(0, 16).replace('T', ' ')}</td>
                  <td className="py-1 pr-3">{run.kimg}</td>
                  <td className="py-1 pr-3">{run.num ?? 'default'}{run.inputSize !== 299 ? ` @${run.inputSize}px` : ''}</td>
                  <td className="py-1 pr-3" data-testid="metric-fid">{cell(results, 'fid')}</td>
                  <td className="py-1 pr-3" data-testid="metric-kid">{cell(results, 'kid')}</td>
                  <td className="py-1 pr-3" data-testid="metric-pr">{cell(results, 'pr')}</td>
                  <td className="py-1 pr-3" data-testid="metric-ppl">{cell(results, 'ppl')}</td>
                  <td className="py-1 text-xs text-stone-500">{run.state.toLowerCase()}{run.error ? `: ${run.error}` : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {legend}
    </div>
  );
}
