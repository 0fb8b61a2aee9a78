'use client';

import Link from 'next/link';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Spinner } from '@/components/ui/spinner';
import { layerGroups } from '@/lib/models/layer-groups';
import { ApiFailure, postJson } from '../generate-client';
import { DirectionRow, STRIP_AMOUNTS, type NamedRange } from './direction-row';
import {
  deleteDirection,
  discover,
  listDirections,
  preview,
  previewScheduler,
  renameDirection,
  type Direction,
  type DirectionList,
  type LayerRange,
  type Preview,
} from './directions-client';
import { TeachDirections } from './teach-directions';

const SHOWN = 8;

/** A saved edit as the latent API returns it. */
export type SavedEdit = { directionId: string | null; name: string | null; vector: number[]; amount: number; layers: LayerRange };

type EditBody = { directionId?: string; vector?: number[]; amount: number; layers: LayerRange };

function namedRanges(resolution: number): NamedRange[] {
  const groups = layerGroups(resolution);
  const out: NamedRange[] = [];
  for (const name of ['coarse', 'middle', 'fine'] as const) {
    const first = groups.indexOf(name);
    if (first >= 0) out.push({ name, range: { start: first, end: groups.lastIndexOf(name) + 1 } });
  }
  out.push({ name: 'all', range: { start: 0, end: groups.length } });
  return out;
}

function groupKey(d: Direction) {
  return d.method === 'sefa' ? `sefa:${d.range}` : d.method;
}

const GROUP_LABEL: Record<string, string> = {
  taught: 'Taught',
  ganspace: 'GANSpace (PCA)',
  'sefa:coarse': 'SeFa · coarse',
  'sefa:middle': 'SeFa · middle',
  'sefa:fine': 'SeFa · fine',
  'sefa:all': 'SeFa · all layers',
  'sefa:custom': 'SeFa · other',
};

/**
 * The explorer's Directions panel: the model's top directions as sliders applied to the focused
 * face (`base`, its w+), a live preview while dragging, −3…+3 strips, rename, reset, save the
 * edited face, and teach-by-example.
 */
export function DirectionsPanel({
  modelId,
  numWs,
  resolution,
  base,
  baseLabel,
  noiseMode,
  workspace,
  initialEdits,
}: {
  modelId: string;
  numWs: number;
  resolution: number;
  base: number[][] | null;
  baseLabel: string;
  noiseMode: 'const' | 'random' | 'none';
  workspace: { id: string; name: string } | null;
  initialEdits: SavedEdit[] | null;
}) {
  const ranges = useMemo(() => namedRanges(resolution), [resolution]);
  const [list, setList] = useState<DirectionList | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [group, setGroup] = useState<string | null>(null);
  // Edits in the order they were first made (the order is part of an exact, repeatable result).
  const [order, setOrder] = useState<string[]>(() => (initialEdits ?? []).flatMap((e) => (e.directionId ? [e.directionId] : [])));
  const [amounts, setAmounts] = useState<Record<string, number>>(() => Object.fromEntries((initialEdits ?? []).flatMap((e) => (e.directionId ? [[e.directionId, e.amount]] : []))));
  const [layers, setLayers] = useState<Record<string, LayerRange>>(() => Object.fromEntries((initialEdits ?? []).flatMap((e) => (e.directionId ? [[e.directionId, e.layers]] : []))));
  // Edits of a reopened face whose direction is gone: kept as vectors so the face stays the same.
  const [fixed, setFixed] = useState<EditBody[]>(() => (initialEdits ?? []).filter((e) => !e.directionId).map((e) => ({ vector: e.vector, amount: e.amount, layers: e.layers })));
  const [view, setView] = useState<Preview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [strips, setStrips] = useState<Record<string, Preview[]>>({});
  const [stripLoading, setStripLoading] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const [saveName, setSaveName] = useState('');
  const [saved, setSaved] = useState<{ id: string; name: string } | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const refresh = useCallback(async () => {
    try {
      setList(await listDirections(modelId));
      setListError(null);
    } catch (err) {
      setListError(err instanceof ApiFailure ? err.message : 'Could not load directions');
    }
  }, [modelId]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // While discovery runs, look again every few seconds.
  const discovering = list?.discovery && ['QUEUED', 'ACTIVE'].includes(list.discovery.state);
  useEffect(() => {
    if (!discovering) return;
    const t = setInterval(() => void refresh(), 3000);
    return () => clearInterval(t);
  }, [discovering, refresh]);

  const groups = useMemo(() => [...new Set((list?.directions ?? []).map(groupKey))], [list]);
  const activeGroup = group && groups.includes(group) ? group : (groups.find((g) => g === 'sefa:all') ?? groups[0] ?? null);
  const shown = useMemo(() => (list?.directions ?? []).filter((d) => groupKey(d) === activeGroup).slice(0, SHOWN), [list, activeGroup]);
  const byId = useMemo(() => new Map((list?.directions ?? []).map((d) => [d.id, d])), [list]);

  const edits: EditBody[] = useMemo(() => {
    const live = order.flatMap((id) => {
      const d = byId.get(id);
      const amount = amounts[id] ?? 0;
      return d && amount !== 0 ? [{ directionId: id, amount, layers: layers[id] ?? d.layers }] : [];
    });
    return [...fixed, ...live];
  }, [order, amounts, layers, byId, fixed]);

  const [busy, setBusy] = useState(false);
  const schedule = useRef(previewScheduler((p) => setView((old) => (old && URL.revokeObjectURL(old.url), p)), setPreviewError, setBusy));
  useEffect(() => {
    if (!base || !list) return;
    setSaved(null);
    schedule.current(() => preview(modelId, { wplus: base, edits: edits as never, noiseMode }));
  }, [base, edits, modelId, noiseMode, list]);

  function touch(id: string) {
    setOrder((o) => (o.includes(id) ? o : [...o, id]));
  }

  async function loadStrip(d: Direction) {
    if (!base) return;
    setStripLoading(d.id);
    try {
      const range = layers[d.id] ?? d.layers;
      const out: Preview[] = [];
      for (const amount of STRIP_AMOUNTS) out.push(await preview(modelId, { wplus: base, edits: [...edits.filter((e) => e.directionId !== d.id), { directionId: d.id, amount, layers: range }] as never, noiseMode }));
      setStrips((s) => ({ ...s, [d.id]: out }));
    } catch (err) {
      setPreviewError(err instanceof ApiFailure ? err.message : 'Could not render the strip');
    } finally {
      setStripLoading(null);
    }
  }

  async function saveRename() {
    if (!renaming) return;
    try {
      await renameDirection(modelId, renaming.id, renaming.name);
      setRenaming(null);
      await refresh();
    } catch (err) {
      setListError(err instanceof ApiFailure ? err.message : 'Could not rename');
    }
  }

  async function remove(d: Direction) {
    if (!confirm(`Delete the direction “${d.name}”? Saved edits that used it keep their look.`)) return;
    try {
      await deleteDirection(modelId, d.id);
      await refresh();
    } catch (err) {
      setListError(err instanceof ApiFailure ? err.message : 'Could not delete');
    }
  }

  function reset() {
    setAmounts({});
    setLayers({});
    setOrder([]);
    setFixed([]);
  }

  async function saveEdit(e: React.FormEvent) {
    e.preventDefault();
    if (!base) return;
    setSaving(true);
    setSaveError(null);
    try {
      const { latent } = await postJson('/api/v1/latents', { modelId, name: saveName, wplus: base, edits, noiseMode, ...(workspace ? { workspace: workspace.id } : {}) });
      setSaved({ id: latent.id, name: latent.name });
      setSaveName('');
    } catch (err) {
      setSaveError(err instanceof ApiFailure ? err.message : 'Could not save');
    } finally {
      setSaving(false);
    }
  }

  return (
    <section className="space-y-3 rounded-lg border border-stone-200 bg-white p-4" data-testid="directions-panel">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="font-semibold">Directions</h2>
        <div className="flex items-center gap-2">
          {groups.length > 0 && (
            <select aria-label="Direction set" value={activeGroup ?? ''} onChange={(e) => setGroup(e.target.value)} className="rounded-md border border-stone-300 bg-white px-1 py-0.5 text-sm">
              {groups.map((g) => (
                <option key={g} value={g}>
                  {GROUP_LABEL[g] ?? g}
                </option>
              ))}
            </select>
          )}
          <Button variant="secondary" onClick={reset} disabled={edits.length === 0}>
            Reset
          </Button>
        </div>
      </div>
      {listError && <p role="alert" className="text-sm text-red-700">{listError}</p>}
      {discovering && (
        <p className="flex items-center gap-2 text-sm text-stone-600" data-testid="discovery-running">
          <Spinner /> Finding this model’s directions…
        </p>
      )}
      {list && list.directions.length === 0 && !discovering && (
        <div className="space-y-2 text-sm text-stone-600">
          <p>No directions for this model yet.</p>
          {list.canManage && (
            <Button
              onClick={async () => {
                try {
                  await discover(modelId);
                  await refresh();
                } catch (err) {
                  setListError(err instanceof ApiFailure ? err.message : 'Could not start discovery');
                }
              }}
            >
              Discover directions
            </Button>
          )}
        </div>
      )}

      <div className="grid gap-3 sm:grid-cols-[8rem_minmax(0,1fr)]">
        <figure className="space-y-1">
          <div className="relative aspect-square w-32 overflow-hidden rounded-md bg-stone-100" data-testid="direction-preview-frame" data-busy={busy ? 'true' : 'false'}>
            {view && <img data-testid="direction-preview" data-sha256={view.sha256} src={view.url} alt={`${baseLabel}, edited`} className="h-full w-full [image-rendering:pixelated]" />}
          </div>
          <figcaption className="text-xs text-stone-500" data-testid="direction-preview-ms">
            {view ? `${edits.length} edit${edits.length === 1 ? '' : 's'} · ${Math.round(view.ms)} ms` : base ? 'Rendering…' : 'Pick a face'}
          </figcaption>
        </figure>
        <ul className="grid gap-2 xl:grid-cols-2">
          {shown.map((d) => (
            <DirectionRow
              key={d.id}
              direction={d}
              amount={amounts[d.id] ?? 0}
              layers={layers[d.id] ?? d.layers}
              ranges={ranges}
              numWs={numWs}
              strip={strips[d.id]}
              stripLoading={stripLoading === d.id}
              canManage={!!list?.canManage}
              renaming={renaming?.id === d.id ? renaming.name : null}
              onAmount={(v) => {
                touch(d.id);
                setAmounts((a) => ({ ...a, [d.id]: v }));
              }}
              onLayers={(r) => {
                touch(d.id);
                setLayers((l) => ({ ...l, [d.id]: r }));
              }}
              onStrip={() => void loadStrip(d)}
              onRenameStart={() => setRenaming({ id: d.id, name: d.name })}
              onRenameChange={(name) => setRenaming({ id: d.id, name })}
              onRenameSave={() => void saveRename()}
              onDelete={() => void remove(d)}
            />
          ))}
        </ul>
      </div>
      {fixed.length > 0 && <p className="text-xs text-stone-500">{fixed.length} saved edit(s) use directions that were since deleted; they stay applied until Reset.</p>}
      {previewError && <p role="alert" className="text-sm text-red-700">{previewError}</p>}

      <form onSubmit={saveEdit} className="flex flex-wrap items-center gap-2">
        <Input aria-label="Edited face name" placeholder="Name of the edited face" value={saveName} onChange={(e) => setSaveName(e.target.value)} required maxLength={100} className="min-w-0 flex-1" />
        <Button type="submit" disabled={saving || !base || edits.length === 0}>
          {saving ? 'Saving…' : 'Save edited face'}
        </Button>
      </form>
      {saveError && <p role="alert" className="text-sm text-red-700">{saveError}</p>}
      {saved && (
        <p role="status" className="text-sm text-emerald-700" data-testid="edit-saved">
          Saved “{saved.name}”. <Link href={`/explore?latent=${saved.id}`} className="underline">Reopen it</Link> · <Link href={`/latents/${saved.id}`} className="underline">details</Link>
        </p>
      )}

      {list?.canManage && (
        <TeachDirections
          modelId={modelId}
          ranges={ranges.map((r) => r.name)}
          candidates={(list?.directions ?? []).filter((d) => d.method !== 'taught')}
          workspace={workspace}
          onTaught={async () => {
            await refresh();
            setGroup('taught');
          }}
        />
      )}
    </section>
  );
}
