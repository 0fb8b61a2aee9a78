/** Small SVG helpers: reproducible number formatting and smooth curves through points. */

export type Point = readonly [number, number];

/**
 * Numbers go into the SVG with at most 2 decimals, so tiny floating-point
 * differences can never change the document (and so the PNG).
 */
export function fmt(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

export const pt = ([x, y]: Point) => `${fmt(x)} ${fmt(y)}`;

/**
 * Cubic Bézier segments of a Catmull-Rom spline through `points`, starting at
 * points[0] (the caller has already moved or drawn there). Gives the soft,
 * rounded outlines a GAN learns easily.
 */
export function smoothChain(points: readonly Point[], closed = false): string {
  const n = points.length;
  const at = (i: number): Point => (closed ? points[(i + n) % n] : points[Math.max(0, Math.min(n - 1, i))]);
  const segments: string[] = [];
  const last = closed ? n : n - 1;
  for (let i = 0; i < last; i++) {
    const p0 = at(i - 1);
    const p1 = at(i);
    const p2 = at(i + 1);
    const p3 = at(i + 2);
    const c1: Point = [p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6];
    const c2: Point = [p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6];
    segments.push(`C${pt(c1)} ${pt(c2)} ${pt(p2)}`);
  }
  return segments.join(' ');
}

/** A closed smooth outline through all points. */
export function smoothClosedPath(points: readonly Point[]): string {
  return `M${pt(points[0])} ${smoothChain(points, true)} Z`;
}

/**
 * A closed band between two open smooth chains: along `outer`, then straight
 * across to `inner` and along it, then closed. Hair caps and beards use it.
 */
export function smoothBand(outer: readonly Point[], inner: readonly Point[]): string {
  return `M${pt(outer[0])} ${smoothChain(outer)} L${pt(inner[0])} ${smoothChain(inner)} Z`;
}

/** Points given for the right half (x offset from the centre line), mirrored into a symmetric list. */
export function mirrored(cx: number, rightHalf: readonly Point[]): Point[] {
  const right = rightHalf.map(([dx, y]): Point => [cx + dx, y]);
  const left = [...rightHalf].reverse().map(([dx, y]): Point => [cx - dx, y]);
  return [...right, ...left];
}

export function offsetPoints(points: readonly Point[], cx: number): Point[] {
  return points.map(([dx, y]): Point => [cx + dx, y]);
}

export function linearGradient(id: string, stops: readonly [number, string, number?][], vertical = true): string {
  const [x2, y2] = vertical ? ['0', '1'] : ['1', '0'];
  return `<linearGradient id="${id}" x1="0" y1="0" x2="${x2}" y2="${y2}">${stopTags(stops)}</linearGradient>`;
}

export function radialGradient(
  id: string,
  stops: readonly [number, string, number?][],
  { cx = 0.5, cy = 0.5, r = 0.5 }: { cx?: number; cy?: number; r?: number } = {},
): string {
  return `<radialGradient id="${id}" cx="${fmt(cx)}" cy="${fmt(cy)}" r="${fmt(r)}">${stopTags(stops)}</radialGradient>`;
}

function stopTags(stops: readonly [number, string, number?][]): string {
  return stops
    .map(([offset, color, opacity]) =>
      opacity === undefined
        ? `<stop offset="${fmt(offset)}" stop-color="${color}"/>`
        : `<stop offset="${fmt(offset)}" stop-color="${color}" stop-opacity="${fmt(opacity)}"/>`,
    )
    .join('');
}
