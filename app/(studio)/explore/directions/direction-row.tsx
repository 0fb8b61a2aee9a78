'use client';

import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import type { Direction, LayerRange, Preview, RangeName } from './directions-client';

export const STRIP_AMOUNTS = [-3, -2, -1, 0, 1, 2, 3];

export type NamedRange = { name: Exclude<RangeName, 'custom'>; range: LayerRange };

function sameRange(a: LayerRange, b: LayerRange) {
  return a.start === b.start && a.end === b.end;
}

/** One direction: its amount slider, the layers it applies to, its −3…+3 strip, rename. */
export function DirectionRow({
  direction,
  amount,
  layers,
  ranges,
  numWs,
  strip,
  stripLoading,
  canManage,
  renaming,
  onAmount,
  onLayers,
  onStrip,
  onRenameStart,
  onRenameChange,
  onRenameSave,
  onDelete,
}: {
  direction: Direction;
  amount: number;
  layers: LayerRange;
  ranges: NamedRange[];
  numWs: number;
  strip: Preview[] | undefined;
  stripLoading: boolean;
  canManage: boolean;
  renaming: string | null;
  onAmount: (v: number) => void;
  onLayers: (r: LayerRange) => void;
  onStrip: () => void;
  onRenameStart: () => void;
  onRenameChange: (v: string) => void;
  onRenameSave: () => void;
  onDelete: () => void;
}) {
  const named = ranges.find((r) => sameRange(r.range, layers))?.name ?? 'custom';
  return (
    <li className="space-y-2 rounded-md border border-stone-200 p-2" data-testid="direction-row" data-direction-id={direction.id}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        {renaming !== null ? (
          <form
            className="flex min-w-0 flex-1 gap-1"
            onSubmit={(e) => {
              e.preventDefault();
              onRenameSave();
            }}
          >
            <Input aria-label="Direction name" value={renaming} onChange={(e) => onRenameChange(e.target.value)} maxLength={60} className="min-w-0 flex-1" autoFocus />
            <Button type="submit" variant="secondary">
              Save name
            </Button>
          </form>
        ) : (
          <span className="min-w-0 truncate text-sm font-medium" data-testid="direction-name" title={`${direction.method} · value ${direction.value.toPrecision(3)}`}>
            {direction.name}
          </span>
        )}
        <span className="flex items-center gap-2 text-xs">
          <button type="button" className="text-accent hover:underline" onClick={onStrip}>
            {stripLoading ? 'Rendering…' : strip ? 'Refresh strip' : 'Show −3…+3'}
          </button>
          {canManage && renaming === null && (
            <>
              <button type="button" className="text-accent hover:underline" onClick={onRenameStart}>
                Rename
              </button>
              <button type="button" className="text-red-700 hover:underline" onClick={onDelete}>
                Delete
              </button>
            </>
          )}
        </span>
      </div>
      <label className="flex items-center gap-2 text-xs text-stone-600">
        <span className="w-14 shrink-0">amount</span>
        <input
          aria-label={`Amount of ${direction.name}`}
          type="range"
          min={-5}
          max={5}
          step={0.1}
          value={amount}
          onChange={(e) => onAmount(Number(e.target.value))}
          className="min-w-0 flex-1 accent-accent"
        />
        <span className="w-10 text-right tabular-nums" data-testid="direction-amount">
          {amount.toFixed(1)}
        </span>
      </label>
      <div className="flex flex-wrap items-center gap-2 text-xs text-stone-600">
        <span className="w-14 shrink-0">layers</span>
        <select
          aria-label={`Layers of ${direction.name}`}
          value={named}
          onChange={(e) => {
            const r = ranges.find((x) => x.name === e.target.value);
            if (r) onLayers(r.range);
          }}
          className="rounded-md border border-stone-300 bg-white px-1 py-0.5"
        >
          {ranges.map((r) => (
            <option key={r.name} value={r.name}>
              {r.name} ({r.range.start}–{r.range.end - 1})
            </option>
          ))}
          <option value="custom" disabled={named !== 'custom'}>
            custom
          </option>
        </select>
        <label className="flex items-center gap-1">
          from
          <input
            aria-label={`First layer of ${direction.name}`}
            type="number"
            min={0}
            max={layers.end - 1}
            value={layers.start}
            onChange={(e) => onLayers({ start: Math.max(0, Math.min(Number(e.target.value), layers.end - 1)), end: layers.end })}
            className="w-12 rounded border border-stone-300 px-1"
          />
        </label>
        <label className="flex items-center gap-1">
          to
          <input
            aria-label={`Last layer of ${direction.name}`}
            type="number"
            min={layers.start}
            max={numWs - 1}
            value={layers.end - 1}
            onChange={(e) => onLayers({ start: layers.start, end: Math.max(layers.start + 1, Math.min(Number(e.target.value) + 1, numWs)) })}
            className="w-12 rounded border border-stone-300 px-1"
          />
        </label>
      </div>
      {strip && (
        <div className="grid grid-cols-7 gap-1" data-testid="direction-strip">
          {strip.map((p, i) => (
            <figure key={i} className="space-y-0.5 text-center">
              <img src={p.url} alt={`${direction.name} at ${STRIP_AMOUNTS[i]}`} className="aspect-square w-full rounded [image-rendering:pixelated]" />
              <figcaption className="text-[10px] text-stone-500">{STRIP_AMOUNTS[i] > 0 ? `+${STRIP_AMOUNTS[i]}` : STRIP_AMOUNTS[i]}</figcaption>
            </figure>
          ))}
        </div>
      )}
    </li>
  );
}
