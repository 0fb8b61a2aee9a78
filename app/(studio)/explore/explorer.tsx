'use client';

import Link from 'next/link';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Spinner } from '@/components/ui/spinner';
import { JobErrorNotice } from '@/components/jobs/job-error-notice';
import { groupsPresent, layerGroups, type LayerGroup } from '@/lib/models/layer-groups';
import { ApiFailure, generate, postJson, type GeneratedImage } from './generate-client';
import { Tile } from './seed-tile';
import { GRID_SIZES, viewStateQuery, type GridSize, type NoiseMode, type ViewState } from './view-state';
import { DirectionsPanel, type SavedEdit } from './directions/directions-panel';

export type ExplorerModel = { id: string; name: string; resolution: number; numWs: number; license: string | null };
export type ExplorerLatent = {
  id: string;
  name: string;
  modelId: string;
  seed: number | null;
  z: number[] | null;
  wplus: number[][] | null;
  psiLayers: number[];
  noiseMode: NoiseMode;
  noiseSeed: number | null;
  /** an edited face: the base w+ and the directions applied to it (the Directions panel) */
  edit?: { base: number[][]; edits: SavedEdit[] } | null;
};

// noiseOffset: the position of the tile the focus was picked from. With random noise the worker
// gives image i of a request the noise seed noiseSeed + i, so the focus renders with the same
// noise as the tile it came from (and saves that seed).
type Focus =
  | { kind: 'seed'; seed: number; noiseOffset?: number }
  | { kind: 'z'; z: number[]; seed: number | null; label: string }
  | { kind: 'wplus'; wplus: number[][]; label: string; noiseOffset?: number };

const NUDGES = 8;
// Whole class names, so Tailwind sees them.
const GRID_COLUMNS: Record<GridSize, string> = { 3: 'grid-cols-3', 4: 'grid-cols-4', 6: 'grid-cols-6' };
const GROUPS: { key: LayerGroup; label: string; hint: string }[] = [
  { key: 'coarse', label: 'Coarse ψ', hint: '4–8 px: pose, face shape' },
  { key: 'middle', label: 'Middle ψ', hint: '16–32 px: features, hair' },
  { key: 'fine', label: 'Fine ψ', hint: '64 px and up: colour, texture' },
];

const randomSeed = () => Math.floor(Math.random() * 2 ** 31);
// Noise seeds leave room for the per-image offsets of a page or a nudge (the API takes < 2^31).
const randomNoiseSeed = () => Math.floor(Math.random() * (2 ** 31 - 1024));

/** Runs the latest request of one kind; earlier ones are aborted and their results ignored. */
function useLatest<T>() {
  const [state, setState] = useState<{ loading: boolean; data: T | null; error: string | null; errorCode?: string }>({ loading: false, data: null, error: null });
  const current = useRef<AbortController | null>(null);
  const run = useCallback(async (work: (signal: AbortSignal) => Promise<T>) => {
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    setState((s) => ({ ...s, loading: true, error: null }));
    try {
      const data = await work(controller.signal);
      if (current.current === controller) setState({ loading: false, data, error: null });
    } catch (err) {
      if (controller.signal.aborted) return;
      setState((s) => ({ ...s, loading: false, error: err instanceof ApiFailure ? err.message : 'Something went wrong', errorCode: err instanceof ApiFailure ? err.code : undefined }));
    }
  }, []);
  const clear = useCallback(() => {
    current.current?.abort();
    setState({ loading: false, data: null, error: null });
  }, []);
  return { ...state, run, clear };
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** `workspace`: the team whose quota pays for the renders and that owns saved latents; null for personal work. */
export function Explorer({
  models,
  initialView,
  initialLatent,
  workspace,
}: {
  models: ExplorerModel[];
  /** From the URL (view-state.ts); a latent, when given, sets the focus, ψ and noise instead. */
  initialView: ViewState;
  initialLatent: ExplorerLatent | null;
  workspace: { id: string; name: string } | null;
}) {
  const [modelId, setModelId] = useState(initialView.modelId);
  const model = models.find((m) => m.id === modelId) ?? models[0];
  const groups = useMemo(() => layerGroups(model.resolution), [model.resolution]);
  const present = useMemo(() => groupsPresent(model.resolution), [model.resolution]);

  const [page, setPage] = useState(initialView.page);
  const [gridSize, setGridSize] = useState<GridSize>(initialView.grid);
  const pageSize = gridSize * gridSize;
  const [psiLayers, setPsiLayers] = useState<number[]>(() =>
    initialLatent && initialLatent.psiLayers.length === model.numWs ? initialLatent.psiLayers : initialView.psiLayers,
  );
  const [noiseMode, setNoiseMode] = useState<NoiseMode>(initialLatent?.noiseMode ?? initialView.noiseMode);
  const [noiseSeed, setNoiseSeed] = useState<number>(initialLatent?.noiseSeed ?? initialView.noiseSeed);
  const [focus, setFocus] = useState<Focus>(() => {
    if (initialLatent?.edit) return { kind: 'wplus', wplus: initialLatent.edit.base, label: initialLatent.name };
    if (initialLatent?.z) return { kind: 'z', z: initialLatent.z, seed: initialLatent.seed, label: initialLatent.name };
    if (initialLatent?.wplus) return { kind: 'wplus', wplus: initialLatent.wplus, label: initialLatent.name };
    const seed = initialView.focusSeed ?? initialView.page * initialView.grid * initialView.grid;
    const offset = seed - initialView.page * initialView.grid * initialView.grid;
    return { kind: 'seed', seed, ...(offset >= 0 && offset < initialView.grid * initialView.grid ? { noiseOffset: offset } : {}) };
  });
  // Favourites saved from a tile this visit, by the tile image's asset id.
  const [favourites, setFavourites] = useState<Record<string, 'saving' | 'saved' | 'error'>>({});
  const [step, setStep] = useState(0.25);
  const [seedInput, setSeedInput] = useState('');
  const [saveName, setSaveName] = useState(initialLatent ? `${initialLatent.name} (copy)` : '');
  const [saveTags, setSaveTags] = useState('');
  const [saved, setSaved] = useState<{ id: string; name: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  const grid = useLatest<GeneratedImage[]>();
  const [gridAttempt, setGridAttempt] = useState(0);
  const focusImg = useLatest<GeneratedImage>();
  const nudges = useLatest<GeneratedImage[]>();

  const psiDebounced = useDebounced(psiLayers, 250);
  const noise = useMemo(() => ({ noiseMode, ...(noiseMode === 'random' ? { noiseSeed } : {}) }), [noiseMode, noiseSeed]);
  const ws = workspace ? { workspace: workspace.id } : {};

  // The seed grid: one job for the whole page (one forward pass on the worker).
  useEffect(() => {
    const seeds = Array.from({ length: pageSize }, (_, i) => page * pageSize + i);
    void grid.run((signal) => generate({ modelId, seeds, psiLayers: psiDebounced, ...noise, ...ws }, signal));
  }, [modelId, page, pageSize, psiDebounced, noise, gridAttempt, grid.run]); // eslint-disable-line react-hooks/exhaustive-deps

  // The view in the URL, replaced in place (no history entry per slider step), so it can be
  // bookmarked or shared. history.replaceState keeps Next.js's router in step without a server
  // round trip (router.replace would render the page again). A latent's own view keeps `?latent=`.
  useEffect(() => {
    if (focus.kind !== 'seed' && initialLatent) return;
    const query = viewStateQuery({ modelId, page, grid: gridSize, psiLayers: psiDebounced, noiseMode, noiseSeed, focusSeed: focus.kind === 'seed' ? focus.seed : null });
    if (window.location.search !== `?${query}`) window.history.replaceState(null, '', `${window.location.pathname}?${query}`);
  }, [modelId, page, gridSize, psiDebounced, noiseMode, noiseSeed, focus, initialLatent]);

  // The focused image, with its w+ (for nudges and saving).
  useEffect(() => {
    const source =
      focus.kind === 'seed' ? { seeds: [focus.seed], psiLayers: psiDebounced } : focus.kind === 'z' ? { z: focus.z, psiLayers: psiDebounced } : { wplus: focus.wplus };
    const offset = focus.kind !== 'z' ? (focus.noiseOffset ?? 0) : 0;
    const focusNoise = noiseMode === 'random' ? { noiseMode, noiseSeed: noiseSeed + offset } : noise;
    setSaved(null);
    void focusImg.run(async (signal) => (await generate({ modelId, ...source, ...focusNoise, ...ws, returnLatents: true }, signal))[0]);
  }, [modelId, focus, psiDebounced, noise, focusImg.run]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => nudges.clear(), [focus, modelId, nudges.clear]);

  function changeModel(id: string) {
    const next = models.find((m) => m.id === id)!;
    setModelId(id);
    setPage(0);
    setPsiLayers(Array(next.numWs).fill(0.7));
    setFocus({ kind: 'seed', seed: 0 });
  }

  function changeGridSize(size: GridSize) {
    // Keep the first seed of the current page in view.
    setPage(Math.floor((page * pageSize) / (size * size)));
    setGridSize(size);
  }

  async function favourite(image: GeneratedImage, seed: number) {
    setFavourites((f) => ({ ...f, [image.assetId]: 'saving' }));
    try {
      await postJson('/api/v1/latents', {
        name: `Seed ${seed}`,
        tags: ['favourite'],
        modelId,
        seed,
        psiLayers: psiDebounced,
        noiseMode,
        ...(noiseMode === 'random' && image.noiseSeed !== null ? { noiseSeed: image.noiseSeed } : {}),
        ...ws,
        thumbnailAssetId: image.assetId,
      });
      setFavourites((f) => ({ ...f, [image.assetId]: 'saved' }));
    } catch {
      setFavourites((f) => ({ ...f, [image.assetId]: 'error' }));
    }
  }

  const groupValue = (g: LayerGroup) => psiLayers[groups.indexOf(g)] ?? 1;
  const setGroup = (g: LayerGroup, v: number) => setPsiLayers((prev) => prev.map((p, i) => (groups[i] === g ? v : p)));
  const uniform = psiLayers.every((p) => p === psiLayers[0]);

  function nudge() {
    const wplus = focusImg.data?.wplus;
    if (!wplus) return;
    void nudges.run((signal) => generate({ modelId, wplus, nudge: { count: NUDGES, step, seed: randomSeed() }, ...noise, ...ws }, signal));
  }

  async function save(e: React.FormEvent) {
    e.preventDefault();
    const img = focusImg.data;
    if (!img?.wplus) return;
    setSaving(true);
    setSaveError(null);
    try {
      const body = {
        name: saveName,
        tags: saveTags.split(',').map((t) => t.trim()).filter(Boolean),
        modelId,
        ...(focus.kind === 'seed' ? { seed: focus.seed, psiLayers } : focus.kind === 'z' ? { z: focus.z, seed: focus.seed, psiLayers } : {}),
        wplus: img.wplus,
        // The noise the focus image was rendered with (its own seed with random noise).
        noiseMode,
        ...(noiseMode === 'random' && img.noiseSeed !== null ? { noiseSeed: img.noiseSeed } : {}),
        ...ws,
        thumbnailAssetId: img.assetId,
      };
      const { latent } = await postJson('/api/v1/latents', body);
      setSaved({ id: latent.id, name: latent.name });
      setSaveName('');
      setSaveTags('');
    } catch (err) {
      setSaveError(err instanceof ApiFailure ? err.message : 'Could not save');
    } finally {
      setSaving(false);
    }
  }

  const focusLabel = focus.kind === 'seed' ? `Seed ${focus.seed}` : focus.label;
  const psiApplies = focus.kind !== 'wplus';

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end gap-4">
        <label className="space-y-1 text-sm">
          <span className="block font-medium text-stone-700">Model</span>
          <select aria-label="Model" value={modelId} onChange={(e) => changeModel(e.target.value)} className="rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm">
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name} · {m.resolution} px
              </option>
            ))}
          </select>
        </label>
        <Link href={`/models/${modelId}`} className="pb-2 text-sm text-accent hover:underline">
          About this model{model.license ? ` · ${model.license}` : ''}
        </Link>
        <label className="space-y-1 text-sm">
          <span className="block font-medium text-stone-700">Noise</span>
          <select
            aria-label="Noise mode"
            value={noiseMode}
            onChange={(e) => {
              const mode = e.target.value as NoiseMode;
              if (mode === 'random' && noiseMode !== 'random') setNoiseSeed(randomNoiseSeed());
              setNoiseMode(mode);
            }}
            className="rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm"
          >
            <option value="const">Constant (repeatable)</option>
            <option value="random">Random (seeded)</option>
            <option value="none">None</option>
          </select>
        </label>
        {noiseMode === 'random' && (
          <Button variant="secondary" onClick={() => setNoiseSeed(randomNoiseSeed())}>
            Re-roll noise
          </Button>
        )}
      </div>

      <section className="grid gap-4 rounded-lg border border-stone-200 bg-white p-4 sm:grid-cols-4">
        <label className="space-y-1 text-sm">
          <span className="flex justify-between font-medium text-stone-700">
            ψ (all layers) <span data-testid="psi-value">{uniform ? psiLayers[0].toFixed(2) : 'mixed'}</span>
          </span>
          <input aria-label="psi" type="range" min={-1} max={1.5} step={0.05} value={uniform ? psiLayers[0] : groupValue('coarse')} onChange={(e) => setPsiLayers(psiLayers.map(() => Number(e.target.value)))} className="w-full accent-accent" />
          <span className="block text-xs text-stone-500">Truncation toward the average face</span>
        </label>
        {GROUPS.map((g) => (
          <label key={g.key} className={`space-y-1 text-sm ${present.has(g.key) ? '' : 'opacity-40'}`}>
            <span className="flex justify-between font-medium text-stone-700">
              {g.label} <span>{present.has(g.key) ? groupValue(g.key).toFixed(2) : '—'}</span>
            </span>
            <input aria-label={g.label} type="range" min={-1} max={1.5} step={0.05} disabled={!present.has(g.key)} value={present.has(g.key) ? groupValue(g.key) : 1} onChange={(e) => setGroup(g.key, Number(e.target.value))} className="w-full accent-accent" />
            <span className="block text-xs text-stone-500">{present.has(g.key) ? g.hint : `No such layers at ${model.resolution} px`}</span>
          </label>
        ))}
      </section>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <section className="space-y-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 className="font-semibold">
              Seeds {page * pageSize}–{page * pageSize + pageSize - 1}
            </h2>
            <div className="flex flex-wrap items-center gap-2">
              <label className="flex items-center gap-1 text-sm text-stone-600">
                Grid
                <select aria-label="Grid size" value={gridSize} onChange={(e) => changeGridSize(Number(e.target.value) as GridSize)} className="rounded-md border border-stone-300 bg-white px-1.5 py-1 text-sm">
                  {GRID_SIZES.map((n) => (
                    <option key={n} value={n}>
                      {n}×{n}
                    </option>
                  ))}
                </select>
              </label>
              {grid.loading && <Spinner label="Rendering seeds" />}
              <Button variant="secondary" onClick={() => setPage((p) => Math.max(0, p - 1))} disabled={page === 0}>
                ← Previous
              </Button>
              <Button variant="secondary" onClick={() => setPage((p) => p + 1)}>
                More seeds →
              </Button>
            </div>
          </div>
          {grid.error && <JobErrorNotice message={grid.error} code={grid.errorCode} onRetry={() => setGridAttempt((n) => n + 1)} testId="grid-error" />}
          <div className={`grid gap-2 ${GRID_COLUMNS[gridSize]}`} data-testid="seed-grid">
            {Array.from({ length: pageSize }, (_, i) => {
              const seed = page * pageSize + i;
              const image = grid.data?.find((img) => img.seed === seed);
              return (
                <Tile
                  key={i}
                  testId="seed-tile"
                  image={image}
                  loading={grid.loading || (!image && !grid.error)}
                  failed={!image && !!grid.error}
                  label={`Seed ${seed}`}
                  active={focus.kind === 'seed' && focus.seed === seed}
                  onClick={() => setFocus({ kind: 'seed', seed, noiseOffset: i })}
                  onFavourite={image && !grid.loading ? () => void favourite(image, seed) : undefined}
                  favourite={image ? favourites[image.assetId] : undefined}
                />
              );
            })}
          </div>
          <p className="text-xs text-stone-500" data-testid="native-size">
            Native size {model.resolution}×{model.resolution} px, shown smoothly scaled. ☆ on a face saves it to your latents (tag “favourite”).
          </p>

          <div className="space-y-2 pt-4">
            <div className="flex flex-wrap items-center gap-3">
              <h2 className="font-semibold">Nudge</h2>
              <label className="flex items-center gap-2 text-sm text-stone-600">
                step
                <input aria-label="Nudge step" type="range" min={0.05} max={1} step={0.05} value={step} onChange={(e) => setStep(Number(e.target.value))} className="accent-accent" />
                <span>{step.toFixed(2)}</span>
              </label>
              <Button onClick={nudge} disabled={!focusImg.data?.wplus || nudges.loading}>
                Nudge
              </Button>
              {nudges.loading && <Spinner label="Rendering neighbours" />}
            </div>
            {nudges.error && <JobErrorNotice message={nudges.error} code={nudges.errorCode} onRetry={nudge} />}
            {nudges.data || nudges.loading ? (
              <div className="grid max-w-md grid-cols-3 gap-2" data-testid="nudge-grid">
                {Array.from({ length: 9 }, (_, cell) => {
                  if (cell === 4) return <Tile key={cell} image={focusImg.data ?? undefined} loading={focusImg.loading} label={`${focusLabel} (focus)`} active />;
                  const n = cell < 4 ? cell : cell - 1;
                  const image = nudges.data?.[n];
                  return (
                    <Tile
                      key={cell}
                      testId="nudge-tile"
                      image={image}
                      loading={nudges.loading}
                      label={`Neighbour ${n + 1}`}
                      onClick={image?.wplus ? () => setFocus({ kind: 'wplus', wplus: image.wplus!, label: `Nudge of ${focusLabel}`, noiseOffset: n }) : undefined}
                    />
                  );
                })}
              </div>
            ) : (
              <p className="text-sm text-stone-500">Small random steps in W around the focused face, shown around it. Click a neighbour to focus it.</p>
            )}
          </div>

          <DirectionsPanel
            key={modelId}
            modelId={modelId}
            numWs={model.numWs}
            resolution={model.resolution}
            base={focusImg.data?.wplus ?? null}
            baseLabel={focusLabel}
            noiseMode={noiseMode}
            workspace={workspace}
            initialEdits={modelId === initialLatent?.modelId ? (initialLatent?.edit?.edits ?? null) : null}
          />
        </section>

        <aside className="space-y-4">
          <div className="space-y-2 rounded-lg border border-stone-200 bg-white p-4">
            <div className="flex items-center justify-between">
              <h2 className="font-semibold" data-testid="focus-label">{focusLabel}</h2>
              {focusImg.loading && <Spinner label="Rendering focus" />}
            </div>
            <div className="relative aspect-square overflow-hidden rounded-md bg-stone-100">
              {focusImg.data && <img data-testid="focus-image" data-sha256={focusImg.data.sha256} src={focusImg.data.url} alt={focusLabel} className="h-full w-full object-cover" />}
              {!focusImg.data && !focusImg.error && <span className="absolute inset-0 flex items-center justify-center"><Spinner /></span>}
            </div>
            {focusImg.error && <JobErrorNotice message={focusImg.error} code={focusImg.errorCode} onRetry={() => setFocus((f) => ({ ...f }))} />}
            {focusImg.data && (
              <p className="flex flex-wrap gap-3 text-xs">
                <a href={`/api/v1/assets/${focusImg.data.assetId}/download`} download className="text-accent hover:underline">Download with provenance</a>
                <Link href={`/provenance/image/${focusImg.data.assetId}`} className="text-accent hover:underline" data-testid="focus-provenance">How was this made?</Link>
              </p>
            )}
            {!psiApplies && <p className="text-xs text-stone-500">This latent is a w+ (ψ is already baked in); the sliders change the grid only.</p>}
            <div className="flex flex-wrap gap-2">
              <Button variant="secondary" onClick={() => setFocus({ kind: 'seed', seed: randomSeed() })}>
                Randomise
              </Button>
              <form
                className="flex flex-1 gap-2"
                onSubmit={(e) => {
                  e.preventDefault();
                  const s = Number(seedInput);
                  if (Number.isInteger(s) && s >= 0 && s < 2 ** 32) setFocus({ kind: 'seed', seed: s });
                }}
              >
                <Input aria-label="Seed" inputMode="numeric" pattern="[0-9]*" placeholder="Seed" value={seedInput} onChange={(e) => setSeedInput(e.target.value)} className="min-w-0" />
                <Button variant="secondary" type="submit">
                  Go
                </Button>
              </form>
            </div>
          </div>

          <form onSubmit={save} className="space-y-2 rounded-lg border border-stone-200 bg-white p-4">
            <h2 className="font-semibold">Save this latent</h2>
            <p className="text-xs text-stone-500" data-testid="explorer-workspace">
              {workspace ? <>Saved to team <span className="font-medium text-stone-700">{workspace.name}</span>; renders count against its GPU quota.</> : 'Saved to your personal workspace.'}
            </p>
            <Input aria-label="Latent name" placeholder="Name" value={saveName} onChange={(e) => setSaveName(e.target.value)} required maxLength={100} />
            <Input aria-label="Tags" placeholder="Tags, comma separated" value={saveTags} onChange={(e) => setSaveTags(e.target.value)} />
            <Button type="submit" disabled={saving || !focusImg.data?.wplus || focusImg.loading}>
              {saving ? 'Saving…' : 'Save latent'}
            </Button>
            {saveError && <p role="alert" className="text-sm text-red-700">{saveError}</p>}
            {saved && (
              <p role="status" className="text-sm text-emerald-700">
                Saved “{saved.name}”. <Link href={`/latents/${saved.id}`} className="underline">Open it</Link> · <Link href="/latents" className="underline">the library</Link>
              </p>
            )}
          </form>
        </aside>
      </div>
    </div>
  );
}
