'use client';
// Starts a metrics job on the model's current checkpoint; the page refreshes while it runs.
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';

const ALL = ['fid', 'kid', 'pr', 'ppl'] as const;
const LABELS: Record<(typeof ALL)[number], string> = { fid: 'FID', kid: 'KID', pr: 'Precision/recall', ppl: 'PPL' };

export function StartMetricsForm({ modelId, running }: { modelId: string; running: boolean }) {
  const router = useRouter();
  const [metrics, setMetrics] = useState<string[]>([...ALL]);
  const [num, setNum] = useState('');
  const [inputSize, setInputSize] = useState('299');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => router.refresh(), 2000);
    return () => clearInterval(t);
  }, [running, router]);
  async function start() {
    setBusy(true);
    setError(null);
    const body: Record<string, unknown> = { metrics, inputSize: Number(inputSize) };
    if (num.trim()) body.num = Number(num);
    const res = await fetch(`/api/v1/models/${modelId}/metrics`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    setBusy(false);
    if (!res.ok) setError((await res.json().catch(() => null))?.error?.message ?? 'Could not start the measurement');
    else router.refresh();
  }
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-end gap-3 text-sm">
        {ALL.map((m) => (
          <label key={m} className="flex items-center gap-1">
            <input type="checkbox" checked={metrics.includes(m)} onChange={(e) => setMetrics((cur) => (e.target.checked ? [...cur, m] : cur.filter((x) => x !== m)))} />
            {LABELS[m]}
          </label>
        ))}
        <label className="flex flex-col text-xs text-stone-500">
          Images per side
          <input className="w-28 rounded border border-stone-300 px-2 py-1 text-sm text-stone-900" inputMode="numeric" placeholder="default" value={num} onChange={(e) => setNum(e.target.value)} name="num" />
        </label>
        <label className="flex flex-col text-xs text-stone-500">
          Input px
          <select className="rounded border border-stone-300 px-2 py-1 text-sm text-stone-900" value={inputSize} onChange={(e) => setInputSize(e.target.value)} name="inputSize">
            <option value="299">299 (standard)</option>
            <option value="139">139 (quick)</option>
            <option value="75">75 (quickest)</option>
          </select>
        </label>
        <Button type="button" disabled={busy || metrics.length === 0} onClick={start}>
          Measure quality
        </Button>
      </div>
      <p className="text-xs text-stone-500">Default: 2 000 images per side on a CPU worker, 50 000 on a GPU worker.</p>
      {error && <p role="alert" className="text-sm text-red-600">{error}</p>}
    </div>
  );
}
