import { CENTER_X, EYE_Y, type FaceContext } from '../geometry';
import { HAT_COLORS, METAL_COLORS, shade } from '../palette';
import { fmt, linearGradient } from '../svg';

export function earrings({ a, g }: FaceContext): string {
  if (a.earrings === 'none') return '';
  const metal = METAL_COLORS[a.earringMetal];
  return [-1, 1]
    .map((side) => {
      const x = CENTER_X + side * (g.cheekW - 1);
      return a.earrings === 'stud'
        ? `<circle cx="${fmt(x)}" cy="143" r="4" fill="${metal}" stroke="${shade(metal, -0.3)}" stroke-width="1"/>`
        : `<circle cx="${fmt(x)}" cy="151" r="8" fill="none" stroke="${metal}" stroke-width="3"/>`;
    })
    .join('');
}

export function glasses({ a, g }: FaceContext): string {
  if (a.glasses === 'none') return '';
  const frame = a.glasses === 'round' ? '#5a3a22' : '#24242a';
  const lensFill = a.glasses === 'sunglasses' ? 'fill="#1c2130" fill-opacity="0.92"' : 'fill="#dfeeff" fill-opacity="0.18"';
  const lenses = [-1, 1].map((side) => {
    const cx = CENTER_X + side * g.eyeDx + g.featureShift;
    if (a.glasses === 'round') return `<circle cx="${fmt(cx)}" cy="${EYE_Y}" r="16" ${lensFill}/>`;
    const [w, h] = [34, 24];
    return `<rect x="${fmt(cx - w / 2)}" y="${fmt(EYE_Y - h / 2)}" width="${w}" height="${h}" rx="${a.glasses === 'sunglasses' ? 9 : 5}" ${lensFill}/>`;
  });
  const inner = g.eyeDx - (a.glasses === 'round' ? 16 : 17);
  const outer = g.eyeDx + (a.glasses === 'round' ? 16 : 17);
  const s = g.featureShift;
  const bridge = `<path d="M${fmt(CENTER_X - inner + s)} ${EYE_Y - 2} Q${fmt(CENTER_X + s)} ${EYE_Y - 7} ${fmt(CENTER_X + inner + s)} ${EYE_Y - 2}" fill="none"/>`;
  const arms = [-1, 1]
    .map((side) => `<path d="M${fmt(CENTER_X + side * outer + s)} ${EYE_Y - 3} L${fmt(CENTER_X + side * (g.cheekW - 1))} ${EYE_Y - 1}" fill="none"/>`)
    .join('');
  const glare =
    a.glasses === 'sunglasses'
      ? [-1, 1]
          .map((side) => {
            const cx = CENTER_X + side * g.eyeDx + s;
            return `<path d="M${fmt(cx - 9)} ${EYE_Y - 3} L${fmt(cx - 3)} ${EYE_Y - 8}" stroke="#ffffff" stroke-opacity="0.45" stroke-width="3" stroke-linecap="round"/>`;
          })
          .join('')
      : '';
  return `<g stroke="${frame}" stroke-width="4" stroke-linejoin="round">${lenses.join('')}${bridge}${arms}</g>${glare}`;
}

/** Where each hat's band sits: hair above it is hidden, so nothing pokes through the hat. */
const HAT_BAND_Y = { beanie: 72, cap: 74, bowler: 64 } as const;

export function hatHidesHair({ a, def }: FaceContext, hairMarkup: string): string {
  if (a.hat === 'none' || hairMarkup === '') return hairMarkup;
  def(`<clipPath id="belowHat"><rect x="-64" y="${HAT_BAND_Y[a.hat]}" width="384" height="320"/></clipPath>`);
  return `<g clip-path="url(#belowHat)">${hairMarkup}</g>`;
}

export function hat({ a, g, def }: FaceContext): string {
  if (a.hat === 'none') return '';
  const color = HAT_COLORS[a.hatColor];
  def(linearGradient('hat', [[0, shade(color, 0.15)], [1, shade(color, -0.2)]]));
  const x = CENTER_X;
  const w = g.templeW + 8;
  const top = g.topY;
  switch (a.hat) {
    case 'beanie':
      return (
        `<path d="M${fmt(x - w)} 80 C${fmt(x - w)} ${top - 6} ${fmt(x - w * 0.5)} ${top - 22} ${x} ${top - 22} ` +
        `C${fmt(x + w * 0.5)} ${top - 22} ${fmt(x + w)} ${top - 6} ${fmt(x + w)} 80 Z" fill="url(#hat)"/>` +
        `<rect x="${fmt(x - w - 3)}" y="66" width="${fmt(2 * w + 6)}" height="20" rx="8" fill="${shade(color, -0.15)}"/>` +
        `<circle cx="${x}" cy="${top - 24}" r="11" fill="${shade(color, 0.25)}"/>`
      );
    case 'cap':
      return (
        `<path d="M${fmt(x - w)} 78 C${fmt(x - w)} ${top - 4} ${fmt(x - w * 0.5)} ${top - 16} ${x} ${top - 16} ` +
        `C${fmt(x + w * 0.5)} ${top - 16} ${fmt(x + w)} ${top - 4} ${fmt(x + w)} 78 Z" fill="url(#hat)"/>` +
        `<path d="M${fmt(x - w - 4)} 80 Q${x} 64 ${fmt(x + w + 4)} 80 Q${fmt(x + w * 0.4)} 96 ${x} 96 Q${fmt(x - w * 0.4)} 96 ${fmt(x - w - 4)} 80 Z" fill="${shade(color, -0.25)}"/>` +
        `<circle cx="${x}" cy="${top - 14}" r="4" fill="${shade(color, -0.3)}"/>`
      );
    case 'bowler': {
      const cw = w - 10;
      return (
        `<ellipse cx="${x}" cy="70" rx="${fmt(w + 22)}" ry="11" fill="${shade(color, -0.25)}"/>` +
        `<path d="M${fmt(x - cw)} 70 C${fmt(x - cw)} ${top - 20} ${fmt(x + cw)} ${top - 20} ${fmt(x + cw)} 70 Z" fill="url(#hat)"/>` +
        `<path d="M${fmt(x - cw)} 62 L${fmt(x + cw)} 62" stroke="${shade(color, -0.5)}" stroke-width="7"/>`
      );
    }
  }
}
