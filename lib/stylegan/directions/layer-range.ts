/** A half-open range of ws indices [start, end) that a direction is found on or applied to. */
export interface LayerRange {
  start: number;
  end: number;
}

export function checkLayerRange(range: LayerRange, numWs: number): void {
  const { start, end } = range;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > numWs || start >= end) {
    throw new RangeError(`layer range [${start}, ${end}) is not a non-empty range within [0, ${numWs})`);
  }
}

/** "A-B" (inclusive, as the CLI takes it) → [A, B+1). */
export function parseInclusiveRange(text: string): LayerRange | null {
  const m = /^(\d+)-(\d+)$/.exec(text.trim());
  if (!m) return null;
  const start = Number(m[1]);
  const last = Number(m[2]);
  return last < start ? null : { start, end: last + 1 };
}
