'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { apiJson, ApiFailure, waitForJob } from '@/components/jobs/job-client';
import { FieldError } from '@/components/ui/field-error';
import { groupsPresent, type LayerGroup } from '@/lib/models/layer-groups';
import { MixGrid, type RenderedGrid } from './mix-grid';

export type ComposerModel = { id: string; name: string; resolution: number; numWs: number };
export type ComposerLatent = { id: string; name: string; modelId: string };

type Source = { kind: 'latent' | 'seed'; latentId: string; seed: number; psi: number; groups: LayerGroup[]; custom: string };

const GROUPS: { id: LayerGroup; label: string }[] = [
  { id: 'coarse', label: 'Coarse (4–8 px)' },
  { id: 'middle', label: 'Middle (16–32 px)' },
  { id: 'fine', label: 'Fine (64 px+)' },
];

/** "3-5" → {start: 3, end: 6} (inclusive in the form, half-open in the API). */
function customRanges(text: string) {
  return text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => {
      const m = /^(\d+)\s*(?:-\s*(\d+))?$/.exec(t);
      if (!m) throw new Error(`"${t}" is not a layer or a range like 3-5`);
      return { start: Number(m[1]), end: Number(m[2] ?? m[1]) + 1 };
    });
}

export function MixComposer({ models, latents }: { models: ComposerModel[]; latents: ComposerLatent[] }) {
  const router = useRouter();
  const [modelId, setModelId] = useState(models[0]?.id ?? '');
  const model = models.find((m) => m.id === modelId);
  const own = useMemo(() => latents.filter((l) => l.modelId === modelId), [latents, modelId]);
  const present = model ? groupsPresent(model.resolution) : new Set<LayerGroup>();
  const initial = (i: number): Source => ({
    kind: own[i] ? 'latent' : 'seed',
    latentId: own[i]?.id ?? '',
    seed: i + 1,
    psi: 0.7,
    groups: i === 0 ? ['coarse'] : (['middle', 'fine'] as LayerGroup[]).filter((g) => present.has(g)),
    custom: '',
  });
  const [sources, setSources] = useState<Source[]>(() => [initial(0), initial(1)]);
  const [preview, setPreview] = useState<{ image: string; sources: string[] } | null>(null);
  const [grid, setGrid] = useState<RenderedGrid | null>(null);
  const [gridLayers, setGridLayers] = useState<LayerGroup>('coarse');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Problems that belong to one field are shown next to it; the rest under the buttons.
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const showError = (err: unknown) => {
    const fields = err instanceof ApiFailure ? err.fields : {};
    setFieldErrors(fields);
    const shownByField = Object.keys(fields).some((k) => /^(sources(\.\d+(\.(latentId|seed|psi|layers))?)?|name)$/.test(k));
    setError(shownByField ? null : (err as Error).message);
  };
  const clearErrors = () => {
    setError(null);
    setFieldErrors({});
  };
  const previewSeq = useRef(0);

  // Live preview: re-render shortly after the sources or their layers change (stale answers are dropped).
  const ready = sources.every((s) => (s.kind === 'seed' || s.latentId) && (s.groups.length > 0 || s.custom.trim()));
  const previewKey = JSON.stringify({ modelId, sources });
  useEffect(() => {
    if (!model || !ready) return;
    const timer = setTimeout(() => void doPreview(), 700);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [previewKey]);

  if (!model) return <p className="text-stone-500">No models yet: import one first.</p>;

  const update = (i: number, patch: Partial<Source>) => setSources((s) => s.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const ref = (s: Source) => (s.kind === 'latent' ? { latentId: s.latentId } : { seed: s.seed, psi: s.psi });
  const sourceLabel = (s: Source, i: number) => `${i + 1}. ${s.kind === 'latent' ? (own.find((l) => l.id === s.latentId)?.name ?? 'latent') : `seed ${s.seed}, ψ ${s.psi}`}`;
  const body = () => ({
    modelId,
    sources: sources.map((s, i) => {
      try {
        return { ...ref(s), layers: [...s.groups, ...customRanges(s.custom)] };
      } catch (err) {
        const message = `Source ${i + 1} layers: ${(err as Error).message}`;
        throw new ApiFailure(message, { [`sources.${i}.layers`]: message });
      }
    }),
  });

  async function run(label: string, fn: () => Promise<void>) {
    setBusy(label);
    clearErrors();
    try {
      await fn();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(null);
    }
  }

  async function doPreview() {
    const seq = ++previewSeq.current;
    setPreviewing(true);
    clearErrors();
    try {
      const { job } = await apiJson('/api/v1/mixes/preview', body());
      const done = await waitForJob(job.id);
      if (seq === previewSeq.current) setPreview({ image: done.result.image.url, sources: done.result.sources.map((s: { url: string }) => s.url) });
    } catch (err) {
      if (seq === previewSeq.current) showError(err);
    } finally {
      if (seq === previewSeq.current) setPreviewing(false);
    }
  }
  const doGrid = () =>
    run('Rendering grid', async () => {
      const refs = sources.map(ref);
      const labels = sources.map(sourceLabel);
      const rowsGive = gridLayers;
      const { job } = await apiJson('/api/v1/mixes/grid', { modelId, columns: refs, rows: refs, layers: [gridLayers] });
      const done = await waitForJob(job.id);
      setGrid({ url: done.result.grid.url, cell: done.result.grid.cell, labels, rowsGive });
    });
  const doSave = () =>
    run('Saving', async () => {
      const { mix, job } = await apiJson('/api/v1/mixes', { ...body(), name });
      await waitForJob(job.id);
      router.push(`/mixes/${mix.id}`);
    });

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_320px]">
      <div className="min-w-0 space-y-4">
        <label className="flex items-center gap-2 text-sm">
          <span className="font-medium">Model</span>
          <select aria-label="Model" value={modelId} onChange={(e) => setModelId(e.target.value)} className="rounded-md border border-stone-300 bg-white px-2 py-1.5">
            {models.map((m) => (
              <option key={m.id} value={m.id}>{m.name} ({m.resolution} px, {m.numWs} layers)</option>
            ))}
          </select>
        </label>
        {sources.map((s, i) => (
          <fieldset key={i} className="space-y-2 rounded-lg border border-stone-200 bg-white p-4" data-testid="mix-source">
            <legend className="flex items-center gap-2 px-1 text-sm font-semibold">
              {preview?.sources[i] && (
                // eslint-disable-next-line @next/next/no-img-element
                <img src={preview.sources[i]} alt={`Source ${i + 1} as last previewed`} data-testid="mix-source-thumbnail" className="h-10 w-10 rounded border border-stone-200 object-cover" />
              )}
              Source {i + 1}
            </legend>
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <select aria-label={`Source ${i + 1} kind`} value={s.kind} onChange={(e) => update(i, { kind: e.target.value as Source['kind'] })} className="rounded-md border border-stone-300 bg-white px-2 py-1.5">
                <option value="latent">Saved latent</option>
                <option value="seed">Seed</option>
              </select>
              {s.kind === 'latent' ? (
                <select aria-label={`Source ${i + 1} latent`} value={s.latentId} onChange={(e) => update(i, { latentId: e.target.value })} className="min-w-48 rounded-md border border-stone-300 bg-white px-2 py-1.5">
                  <option value="">Choose a latent…</option>
                  {own.map((l) => (
                    <option key={l.id} value={l.id}>{l.name}</option>
                  ))}
                </select>
              ) : (
                <>
                  <span className="flex items-center gap-1">
                    <span aria-hidden className="text-stone-500">seed</span>
                    <Input type="number" min={0} aria-label={`Source ${i + 1} seed`} value={s.seed} onChange={(e) => update(i, { seed: Number(e.target.value) })} className="w-28" />
                  </span>
                  <span className="flex items-center gap-1">
                    <span aria-hidden className="text-stone-500">ψ</span>
                    <Input type="number" step={0.05} min={-2} max={2} aria-label={`Source ${i + 1} psi`} value={s.psi} onChange={(e) => update(i, { psi: Number(e.target.value) })} className="w-24" />
                  </span>
                </>
              )}
              <FieldError errors={fieldErrors} name={`sources.${i}.latentId`} />
              <FieldError errors={fieldErrors} name={`sources.${i}.seed`} />
              <FieldError errors={fieldErrors} name={`sources.${i}.psi`} />
              <FieldError errors={fieldErrors} name={`sources.${i}`} />
            </div>
            <div className="flex flex-wrap items-center gap-3 text-sm">
              {GROUPS.filter((g) => present.has(g.id)).map((g) => (
                <label key={g.id} className="flex items-center gap-1">
                  <input
                    type="checkbox"
                    checked={s.groups.includes(g.id)}
                    onChange={(e) => update(i, { groups: e.target.checked ? [...s.groups, g.id] : s.groups.filter((x) => x !== g.id) })}
                  />
                  {g.label}
                </label>
              ))}
              <Input aria-label={`Source ${i + 1} custom layers`} placeholder={`custom, e.g. 3-5 (0–${model.numWs - 1})`} value={s.custom} onChange={(e) => update(i, { custom: e.target.value })} className="w-48" />
              {sources.length > 2 && (
                <Button variant="secondary" onClick={() => setSources((x) => x.filter((_, j) => j !== i))}>Remove</Button>
              )}
              <FieldError errors={fieldErrors} name={`sources.${i}.layers`} />
            </div>
          </fieldset>
        ))}
        <div className="flex flex-wrap items-center gap-2">
          {sources.length < 8 && (
            <Button variant="secondary" onClick={() => setSources((x) => [...x, { ...initial(x.length), groups: [] }])}>Add source</Button>
          )}
          <Button onClick={() => void doPreview()}>Preview</Button>
          <select aria-label="Grid layers" value={gridLayers} onChange={(e) => setGridLayers(e.target.value as LayerGroup)} className="rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm">
            {GROUPS.filter((g) => present.has(g.id)).map((g) => (
              <option key={g.id} value={g.id}>rows give {g.id}</option>
            ))}
          </select>
          <Button variant="secondary" onClick={doGrid} disabled={!!busy}>Render grid</Button>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Input aria-label="Mix name" placeholder="Name this mix" value={name} onChange={(e) => setName(e.target.value)} className="max-w-xs" />
          <Button onClick={doSave} disabled={!!busy || !name.trim()}>Save mix</Button>
        </div>
        {(busy || previewing) && <p role="status" className="text-sm text-stone-500">{busy ?? 'Rendering preview'}…</p>}
        <FieldError errors={fieldErrors} name="sources" />
        <FieldError errors={fieldErrors} name="name" />
        {error && <p role="alert" className="text-sm text-red-600">{error}</p>}
        {grid && <MixGrid grid={grid} />}
      </div>
      <aside className="space-y-3">
        <h2 className="text-sm font-semibold">Preview</h2>
        {preview ? (
          <>
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img src={preview.image} alt="Mix preview" data-testid="mix-preview" className="aspect-square w-full rounded border border-stone-200 [image-rendering:pixelated]" />
            <div className="grid grid-cols-4 gap-1">
              {preview.sources.map((u, i) => (
                // eslint-disable-next-line @next/next/no-img-element
                <img key={u + i} src={u} alt={`Source ${i + 1}`} className="aspect-square w-full rounded [image-rendering:pixelated]" />
              ))}
            </div>
          </>
        ) : (
          <p className="rounded border border-dashed border-stone-300 p-6 text-center text-sm text-stone-500">Press Preview to render the mix.</p>
        )}
      </aside>
    </div>
  );
}
