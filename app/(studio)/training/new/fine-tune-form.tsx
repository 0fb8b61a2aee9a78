'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/input';
import { FieldError } from '@/components/ui/field-error';
import { errorsByField } from '@/lib/forms/human-errors';
import type { FineTuneOptions } from '@/lib/training/options';
import { plural } from '@/lib/format/plural';

type DatasetChoice = { id: string; name: string; resolution: number; imageCount: number; mirror: boolean };
type ModelChoice = { id: string; name: string; resolution: number };
type Estimate = { secPerKimg: number; seconds: number; gpuSeconds: number; unit: string; basis: string };

export function formatDuration(s: number) {
  if (!Number.isFinite(s)) return '—';
  if (s < 90) return `${Math.round(s)} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

const select = 'w-full rounded-md border border-stone-300 bg-white px-2 py-2 text-sm';

export function FineTuneForm({ datasets, models, defaults, preselected }: { datasets: DatasetChoice[]; models: ModelChoice[]; defaults: FineTuneOptions; preselected: string | null }) {
  const router = useRouter();
  const [datasetId, setDatasetId] = useState(datasets.find((d) => d.id === preselected)?.id ?? datasets[0].id);
  const dataset = datasets.find((d) => d.id === datasetId)!;
  const compatible = useMemo(() => models.filter((m) => m.resolution === dataset.resolution), [models, dataset.resolution]);
  const [baseModelId, setBaseModelId] = useState(compatible[0]?.id ?? '');
  const [o, setO] = useState({ ...defaults, mirror: dataset.mirror });
  const [estimate, setEstimate] = useState<Estimate | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);

  useEffect(() => {
    if (!compatible.some((m) => m.id === baseModelId)) setBaseModelId(compatible[0]?.id ?? '');
  }, [compatible, baseModelId]);
  useEffect(() => {
    const ctrl = new AbortController();
    const base = baseModelId ? `&baseModelId=${encodeURIComponent(baseModelId)}` : '';
    fetch(`/api/v1/training-runs/estimate?resolution=${dataset.resolution}&kimg=${o.kimg}${base}`, { signal: ctrl.signal })
      .then((r) => r.json())
      .then((j) => setEstimate(j.estimate ?? null))
      .catch(() => undefined);
    return () => ctrl.abort();
  }, [dataset.resolution, o.kimg, baseModelId]);

  const num = (key: keyof FineTuneOptions) => ({
    value: String(o[key] ?? ''),
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setO({ ...o, [key]: e.target.value === '' ? null : Number(e.target.value) }),
    type: 'number',
    step: 'any',
    'aria-label': key,
  });

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    setFields({});
    const res = await fetch('/api/v1/training-runs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ datasetId, baseModelId, options: o }),
    });
    const body = await res.json();
    setPending(false);
    if (!res.ok) {
      setFields(errorsByField(body.error?.details));
      return setError(body.error?.message ?? 'Could not start the run');
    }
    router.push(`/training/${body.run.id}`);
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-6 rounded-lg border border-stone-200 bg-white p-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Dataset">
          <select className={select} value={datasetId} onChange={(e) => setDatasetId(e.target.value)} aria-label="Dataset">
            {datasets.map((d) => (
              <option key={d.id} value={d.id}>{d.name} ({plural(d.imageCount, 'image')}, {d.resolution} px)</option>
            ))}
          </select>
        </Field>
        <Field label="Base model" hint={compatible.length === 0 ? `No ${dataset.resolution} px model available: import one or choose another dataset.` : undefined}>
          <select className={select} value={baseModelId} onChange={(e) => setBaseModelId(e.target.value)} aria-label="Base model">
            {compatible.map((m) => (
              <option key={m.id} value={m.id}>{m.name}</option>
            ))}
          </select>
        </Field>
      </div>
      <div className="grid gap-4 sm:grid-cols-4">
        <Field label="Length (kimg)" hint="thousands of images shown"><Input {...num('kimg')} min={0.001} /><FieldError errors={fields} name="options.kimg" /></Field>
        <Field label="Batch"><Input {...num('batch')} min={1} step={1} /><FieldError errors={fields} name="options.batch" /></Field>
        <Field label="R1 γ" hint="empty: automatic"><Input {...num('gamma')} min={0} placeholder="auto" /><FieldError errors={fields} name="options.gamma" /></Field>
        <Field label="Freeze-D layers"><Input {...num('freezed')} min={0} step={1} /><FieldError errors={fields} name="options.freezed" /></Field>
        <Field label="Augmentation">
          <select className={select} value={o.aug} onChange={(e) => setO({ ...o, aug: e.target.value as FineTuneOptions['aug'] })} aria-label="aug">
            <option value="ada">adaptive (ADA)</option>
            <option value="fixed">fixed p</option>
            <option value="noaug">none</option>
          </select>
          <FieldError errors={fields} name="options.aug" />
        </Field>
        <Field label="ADA target"><Input {...num('target')} min={0.01} max={1} /><FieldError errors={fields} name="options.target" /></Field>
        <Field label="Report every (kimg)"><Input {...num('tick')} min={0.001} /><FieldError errors={fields} name="options.tick" /></Field>
        <Field label="Snapshot every (ticks)"><Input {...num('snap')} min={1} step={1} /><FieldError errors={fields} name="options.snap" /></Field>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={!!o.mirror} onChange={(e) => setO({ ...o, mirror: e.target.checked })} /> Mirror (also train on x-flipped images)
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={!!o.metrics}
          onChange={(e) => setO({ ...o, metrics: e.target.checked ? { metrics: ['fid', 'kid'], inputSize: 299 } : null })}
        />{' '}
        Measure FID and KID after each snapshot (a metrics job per snapshot; curves on the run page)
      </label>
      <div className="rounded-md bg-stone-50 p-3 text-sm" data-testid="estimate">
        {estimate ? (
          <>
            Estimated time <strong>{formatDuration(estimate.seconds)}</strong> · <strong>{Math.round(estimate.gpuSeconds)}</strong> {estimate.unit}
            <span className="block text-xs text-stone-500">{estimate.secPerKimg.toFixed(1)} s per kimg — {estimate.basis}</span>
          </>
        ) : (
          'Estimating…'
        )}
      </div>
      {error && !Object.keys(fields).some((k) => k.startsWith('options.')) && <p role="alert" className="text-sm text-red-600">{error}</p>}
      <FieldError errors={fields} name="datasetId" />
      <FieldError errors={fields} name="baseModelId" />
      <Button type="submit" disabled={pending || !baseModelId}>Start fine-tuning</Button>
    </form>
  );
}
