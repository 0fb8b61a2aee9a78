// Named layer ranges for directions: coarse / middle / fine from the model's layer groups
// (lib/models/layer-groups.ts), and all. Half-open ws ranges [start, end).
import { layerGroups, type LayerGroup } from '@/lib/models/layer-groups';
import type { LayerRange } from '@/lib/stylegan/directions/layer-range';

export type RangeName = LayerGroup | 'all';

/** Every named range the model has (a 32 px model has no fine layers). */
export function namedRanges(imgResolution: number): { name: RangeName; range: LayerRange }[] {
  const groups = layerGroups(imgResolution);
  const out: { name: RangeName; range: LayerRange }[] = [];
  for (const name of ['coarse', 'middle', 'fine'] as const) {
    const first = groups.indexOf(name);
    if (first < 0) continue;
    out.push({ name, range: { start: first, end: groups.lastIndexOf(name) + 1 } });
  }
  out.push({ name: 'all', range: { start: 0, end: groups.length } });
  return out;
}

export function rangeName(range: LayerRange, imgResolution: number): RangeName | 'custom' {
  return namedRanges(imgResolution).find((r) => r.range.start === range.start && r.range.end === range.end)?.name ?? 'custom';
}
