'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Spinner } from '@/components/ui/spinner';
import { ApiFailure, generate, type GeneratedImage } from '../generate-client';
import { teach, type Direction, type RangeName } from './directions-client';

const MIN_EACH = 10;
const GRID = 24;
type Mark = 'with' | 'without';

/** Teach by example: mark faces with and without a trait; a linear classifier on w gives the direction. */
export function TeachDirections({
  modelId,
  ranges,
  candidates,
  workspace,
  onTaught,
}: {
  modelId: string;
  ranges: Exclude<RangeName, 'custom'>[];
  candidates: Direction[];
  workspace: { id: string } | null;
  onTaught: (d: Direction) => void;
}) {
  const [page, setPage] = useState(0);
  const [images, setImages] = useState<GeneratedImage[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [marks, setMarks] = useState<Map<number, { mark: Mark; w: number[] }>>(new Map());
  const [name, setName] = useState('');
  const [layers, setLayers] = useState<Exclude<RangeName, 'custom'>>('all');
  const [conditionOn, setConditionOn] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ name: string; accuracy: number } | null>(null);
  const [busy, setBusy] = useState(false);

  async function load(p: number) {
    setPage(p);
    setLoading(true);
    setError(null);
    try {
      const seeds = Array.from({ length: GRID }, (_, i) => 5000 + p * GRID + i);
      setImages(await generate({ modelId, seeds, psi: 0.7, returnLatents: true, ...(workspace ? { workspace: workspace.id } : {}) }));
    } catch (err) {
      setError(err instanceof ApiFailure ? err.message : 'Could not render faces');
    } finally {
      setLoading(false);
    }
  }

  function cycle(img: GeneratedImage) {
    if (img.seed === null || !img.wplus) return;
    setMarks((prev) => {
      const next = new Map(prev);
      const current = next.get(img.seed!)?.mark;
      if (!current) next.set(img.seed!, { mark: 'with', w: img.wplus![0] });
      else if (current === 'with') next.set(img.seed!, { mark: 'without', w: img.wplus![0] });
      else next.delete(img.seed!);
      return next;
    });
  }

  const positives = [...marks.values()].filter((m) => m.mark === 'with').map((m) => m.w);
  const negatives = [...marks.values()].filter((m) => m.mark === 'without').map((m) => m.w);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const out = await teach(modelId, { name, layers, positives, negatives, conditionOn });
      setResult({ name: out.direction.name, accuracy: out.taught.heldOutAccuracy });
      setMarks(new Map());
      setName('');
      onTaught(out.direction);
    } catch (err) {
      setError(err instanceof ApiFailure ? err.message : 'Could not teach this direction');
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="space-y-2 rounded-md border border-stone-200 p-2" onToggle={(e) => (e.currentTarget.open && !images ? void load(0) : undefined)}>
      <summary className="cursor-pointer text-sm font-medium">Teach a direction by example</summary>
      <p className="text-xs text-stone-500">
        Click a face once for “with” the trait, twice for “without”, a third time to clear. Mark at least {MIN_EACH} of each.
      </p>
      <div className="flex items-center gap-2 text-xs">
        <span data-testid="teach-counts">
          {positives.length} with · {negatives.length} without
        </span>
        {loading && <Spinner label="Rendering faces" />}
        <Button variant="secondary" type="button" onClick={() => load(page + 1)} disabled={loading}>
          More faces
        </Button>
      </div>
      <div className="grid grid-cols-4 gap-1 sm:grid-cols-6" data-testid="teach-grid">
        {images?.map((img) => {
          const mark = img.seed !== null ? marks.get(img.seed)?.mark : undefined;
          return (
            <button
              key={img.seed}
              type="button"
              data-testid="teach-tile"
              data-mark={mark ?? 'none'}
              onClick={() => cycle(img)}
              className={`relative aspect-square overflow-hidden rounded border-2 ${mark === 'with' ? 'border-emerald-500' : mark === 'without' ? 'border-red-500' : 'border-transparent'}`}
              title={`Seed ${img.seed}${mark ? ` (${mark})` : ''}`}
            >
              <img src={img.url} alt={`Seed ${img.seed}`} className="h-full w-full [image-rendering:pixelated]" />
              {mark && <span className={`absolute left-0 top-0 px-1 text-[10px] text-white ${mark === 'with' ? 'bg-emerald-600' : 'bg-red-600'}`}>{mark === 'with' ? '+' : '−'}</span>}
            </button>
          );
        })}
      </div>
      <form onSubmit={submit} className="space-y-2">
        <div className="flex flex-wrap gap-2">
          <Input aria-label="Trait name" placeholder="Trait, e.g. Glasses" value={name} onChange={(e) => setName(e.target.value)} required maxLength={60} className="min-w-0 flex-1" />
          <select aria-label="Teach layers" value={layers} onChange={(e) => setLayers(e.target.value as typeof layers)} className="rounded-md border border-stone-300 bg-white px-1 text-sm">
            {ranges.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        {candidates.length > 0 && (
          <fieldset className="text-xs text-stone-600">
            <legend>Independent of (optional):</legend>
            <div className="flex flex-wrap gap-x-3">
              {candidates.slice(0, 8).map((d) => (
                <label key={d.id} className="flex items-center gap-1">
                  <input type="checkbox" checked={conditionOn.includes(d.id)} onChange={(e) => setConditionOn((c) => (e.target.checked ? [...c, d.id] : c.filter((x) => x !== d.id)))} />
                  {d.name}
                </label>
              ))}
            </div>
          </fieldset>
        )}
        <Button type="submit" disabled={busy || positives.length < MIN_EACH || negatives.length < MIN_EACH}>
          {busy ? 'Teaching…' : 'Teach direction'}
        </Button>
      </form>
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
      {result && (
        <p role="status" className="text-sm text-emerald-700" data-testid="teach-result">
          Taught “{result.name}”: held-out accuracy {(result.accuracy * 100).toFixed(0)}%.
        </p>
      )}
    </details>
  );
}
