import type { EyeShape } from '../attributes';
import { CENTER_X, EYE_Y, type FaceContext } from '../geometry';
import { shade } from '../palette';
import { fmt } from '../svg';

/** Half-width and half-height of the eye opening. */
const OPENING: Record<EyeShape, { rx: number; ry: number; pointed: boolean }> = {
  round: { rx: 12, ry: 10, pointed: false },
  almond: { rx: 14, ry: 8.5, pointed: true },
  narrow: { rx: 14, ry: 6, pointed: true },
  sleepy: { rx: 13, ry: 9, pointed: false },
};

function eyeOpeningPath(cx: number, cy: number, rx: number, ry: number, pointed: boolean): string {
  if (!pointed) {
    return `M${fmt(cx - rx)} ${fmt(cy)} A${fmt(rx)} ${fmt(ry)} 0 1 1 ${fmt(cx + rx)} ${fmt(cy)} A${fmt(rx)} ${fmt(ry)} 0 1 1 ${fmt(cx - rx)} ${fmt(cy)} Z`;
  }
  // A lens: two quadratic arcs meeting in corners; the top arc is fuller.
  return (
    `M${fmt(cx - rx)} ${fmt(cy)} Q${fmt(cx)} ${fmt(cy - ry * 2.1)} ${fmt(cx + rx)} ${fmt(cy)} ` +
    `Q${fmt(cx)} ${fmt(cy + ry * 1.8)} ${fmt(cx - rx)} ${fmt(cy)} Z`
  );
}

export function eyes({ a, g, c, def }: FaceContext): string {
  const shape = OPENING[a.eyeShape];
  const squint = a.expression === 'smile' || a.expression === 'grin' ? 0.85 : a.expression === 'open' ? 1.15 : 1;
  const ry = shape.ry * squint;
  const gaze = a.turn * 2.5;
  return [-1, 1]
    .map((side) => {
      const cx = CENTER_X + side * g.eyeDx + g.featureShift;
      const cy = EYE_Y;
      const id = `eye${side < 0 ? 'L' : 'R'}`;
      const opening = eyeOpeningPath(cx, cy, shape.rx, ry, shape.pointed);
      def(`<clipPath id="${id}"><path d="${opening}"/></clipPath>`);
      const ix = cx + gaze;
      const iris =
        `<circle cx="${fmt(ix)}" cy="${fmt(cy + 0.5)}" r="7.5" fill="${c.iris}"/>` +
        `<circle cx="${fmt(ix)}" cy="${fmt(cy + 0.5)}" r="3.6" fill="#161214"/>` +
        `<circle cx="${fmt(ix + 2.6)}" cy="${fmt(cy - 2.4)}" r="2.1" fill="#ffffff" fill-opacity="0.9"/>`;
      // Sleepy eyes: a skin-coloured lid covers the upper part of the opening.
      const lid =
        a.eyeShape === 'sleepy'
          ? `<rect x="${fmt(cx - shape.rx - 1)}" y="${fmt(cy - ry - 1)}" width="${fmt(2 * shape.rx + 2)}" height="${fmt(ry * 0.95)}" fill="${c.skinShadow}"/>`
          : '';
      const lidLineY = a.eyeShape === 'sleepy' ? cy - ry * 0.05 : null;
      const upperLine =
        lidLineY === null
          ? `<path d="${upperEdge(cx, cy, shape.rx, ry, shape.pointed)}" fill="none" stroke="${c.skinLine}" stroke-width="3" stroke-linecap="round"/>`
          : `<path d="M${fmt(cx - shape.rx)} ${fmt(cy)} Q${fmt(cx)} ${fmt(lidLineY - 2)} ${fmt(cx + shape.rx)} ${fmt(cy)}" fill="none" stroke="${c.skinLine}" stroke-width="3" stroke-linecap="round"/>`;
      return (
        `<path d="${opening}" fill="#f7f4ef"/>` +
        `<g clip-path="url(#${id})">${iris}${lid}</g>` +
        upperLine
      );
    })
    .join('');
}

function upperEdge(cx: number, cy: number, rx: number, ry: number, pointed: boolean): string {
  if (pointed) return `M${fmt(cx - rx)} ${fmt(cy)} Q${fmt(cx)} ${fmt(cy - ry * 2.1)} ${fmt(cx + rx)} ${fmt(cy)}`;
  return `M${fmt(cx - rx)} ${fmt(cy)} A${fmt(rx)} ${fmt(ry)} 0 0 1 ${fmt(cx + rx)} ${fmt(cy)}`;
}

export function brows({ a, g, c }: FaceContext): string {
  const width = a.browStyle === 'thick' ? 7 : a.browStyle === 'thin' ? 3 : 5;
  const lift = a.expression === 'open' ? -5 : a.expression === 'smile' || a.expression === 'grin' ? -1.5 : 0;
  const frown = a.expression === 'frown' ? 4 : 0;
  const baseY = EYE_Y - 21 + lift;
  const color = a.browStyle === 'thick' ? shade(c.brow, -0.1) : c.brow;
  return [-1, 1]
    .map((side) => {
      const cx = CENTER_X + side * g.eyeDx + g.featureShift;
      const inner = [cx - side * 12, baseY + 2 + frown] as const;
      const outer = [cx + side * 14, baseY + 2 - frown * 0.5] as const;
      let control: readonly [number, number] = [cx, baseY - 3];
      if (a.browStyle === 'arched') control = [cx + side * 2, baseY - 10];
      if (a.browStyle === 'angled') {
        control = [cx + side * 6, baseY - 9];
      }
      if (a.browStyle === 'straight') control = [cx, baseY + 1];
      return `<path d="M${fmt(inner[0])} ${fmt(inner[1])} Q${fmt(control[0])} ${fmt(control[1])} ${fmt(outer[0])} ${fmt(outer[1])}" fill="none" stroke="${color}" stroke-width="${width}" stroke-linecap="round"/>`;
    })
    .join('');
}
