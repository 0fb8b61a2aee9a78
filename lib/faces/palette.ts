/** Colour palettes and the small amount of colour maths the renderer needs. */

export const EYE_COLORS = {
  brown: '#6b4226',
  darkBrown: '#3b2416',
  hazel: '#8a6a2f',
  green: '#4e7d3a',
  blue: '#3f78b5',
  grey: '#6f7f8c',
} as const;

export const HAIR_COLORS = {
  black: '#1f1a18',
  darkBrown: '#3d2818',
  brown: '#6a4328',
  auburn: '#8c3b1f',
  ginger: '#c0652a',
  blonde: '#d9b36a',
  platinum: '#e8ddc4',
  grey: '#9a9894',
  blue: '#3d6fb8',
  pink: '#d46a9a',
} as const;

export const HAT_COLORS = {
  red: '#b8352f',
  navy: '#27375e',
  mustard: '#d1a13a',
  forest: '#2f6b45',
  charcoal: '#3a3a40',
  cream: '#e6dcc3',
  purple: '#6b3f8c',
} as const;

export const CLOTHING_COLORS = {
  white: '#eeeeea',
  black: '#26262b',
  red: '#b23a3a',
  blue: '#3a64b2',
  green: '#3f8a55',
  yellow: '#e0b83c',
  teal: '#2f8c8c',
  plum: '#7a3f6e',
} as const;

export const METAL_COLORS = { gold: '#e0b44a', silver: '#c9ccd1', rose: '#d9967f' } as const;

/** Skin tone stops from light to deep; a tone in [0, 1] interpolates between them. */
const SKIN_STOPS = ['#fbe1cc', '#f0c7a4', '#e2ad84', '#c98c5e', '#a8693f', '#835030', '#5e3720', '#452817'];

type Rgb = [number, number, number];

export function hexToRgb(hex: string): Rgb {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

export function rgbToHex([r, g, b]: Rgb): string {
  const c = (x: number) => Math.max(0, Math.min(255, Math.round(x))).toString(16).padStart(2, '0');
  return `#${c(r)}${c(g)}${c(b)}`;
}

export function mixColors(a: string, b: string, t: number): string {
  const x = hexToRgb(a);
  const y = hexToRgb(b);
  return rgbToHex([x[0] + (y[0] - x[0]) * t, x[1] + (y[1] - x[1]) * t, x[2] + (y[2] - x[2]) * t]);
}

/** Positive amount lightens towards white, negative darkens towards black. */
export function shade(hex: string, amount: number): string {
  return amount >= 0 ? mixColors(hex, '#ffffff', amount) : mixColors(hex, '#000000', -amount);
}

export function skinColor(tone: number): string {
  const t = Math.max(0, Math.min(1, tone)) * (SKIN_STOPS.length - 1);
  const i = Math.min(SKIN_STOPS.length - 2, Math.floor(t));
  return mixColors(SKIN_STOPS[i], SKIN_STOPS[i + 1], t - i);
}

/** HSL (hue in degrees, s and l in [0, 1]) to hex; used for background colours. */
export function hslToHex(hue: number, saturation: number, lightness: number): string {
  const h = (((hue % 360) + 360) % 360) / 60;
  const c = (1 - Math.abs(2 * lightness - 1)) * saturation;
  const x = c * (1 - Math.abs((h % 2) - 1));
  const m = lightness - c / 2;
  const [r, g, b] =
    h < 1 ? [c, x, 0] : h < 2 ? [x, c, 0] : h < 3 ? [0, c, x] : h < 4 ? [0, x, c] : h < 5 ? [x, 0, c] : [c, 0, x];
  return rgbToHex([(r + m) * 255, (g + m) * 255, (b + m) * 255]);
}
