import type { FaceAttributes, FaceShape } from './attributes';
import { EYE_COLORS, HAIR_COLORS, mixColors, shade, skinColor } from './palette';
import { mirrored, smoothClosedPath, type Point } from './svg';

/**
 * All drawing happens in a 256×256 canvas whatever the output size. The
 * anchors below are fixed for every face (like aligned FFHQ): the head is
 * centred on x = 128 and the eyes always sit on y = EYE_Y.
 */
export const CANVAS = 256;
/** How much the 256-unit canvas is magnified into the output frame (edges are cropped). */
export const ZOOM = 1.12;
export const CENTER_X = 128;
export const EYE_Y = 120;
export const MOUTH_Y = 172;
/** Rotation pivot for head tilt: between the eyes, so tilt barely moves them. */
export const TILT_PIVOT: Point = [CENTER_X, 130];

/** Half-widths of the head at its landmarks, before `faceWidth` scaling. */
interface ShapeProfile {
  top: number;
  crown: number;
  temple: number;
  cheek: number;
  jaw: number;
  chin: number;
  chinY: number;
}

const PROFILES: Record<FaceShape, ShapeProfile> = {
  oval: { top: 40, crown: 52, temple: 64, cheek: 66, jaw: 56, chin: 26, chinY: 206 },
  round: { top: 42, crown: 56, temple: 69, cheek: 72, jaw: 64, chin: 34, chinY: 202 },
  square: { top: 42, crown: 56, temple: 67, cheek: 69, jaw: 67, chin: 42, chinY: 203 },
  heart: { top: 42, crown: 58, temple: 71, cheek: 69, jaw: 50, chin: 18, chinY: 206 },
  long: { top: 34, crown: 48, temple: 61, cheek: 62, jaw: 55, chin: 26, chinY: 214 },
};

export interface HeadGeometry {
  topY: number;
  crownW: number;
  templeW: number;
  cheekW: number;
  jawW: number;
  chinW: number;
  chinY: number;
  /** Horizontal distance of each eye centre from the centre line. */
  eyeDx: number;
  /** Horizontal shift of the inner features, from `turn`. */
  featureShift: number;
}

export function headGeometry(a: FaceAttributes): HeadGeometry {
  const p = PROFILES[a.faceShape];
  const w = a.faceWidth;
  return {
    topY: p.top,
    crownW: p.crown * w,
    templeW: p.temple * w,
    cheekW: p.cheek * w,
    jawW: p.jaw * w,
    chinW: p.chin * w,
    chinY: p.chinY,
    eyeDx: (25 + 9 * a.eyeSpacing) * w,
    featureShift: 6 * a.turn,
  };
}

/** The head outline, symmetric about the centre line. */
export function headOutline(g: HeadGeometry): string {
  const rightHalf: Point[] = [
    [0, g.topY],
    [g.crownW, g.topY + 14],
    [g.templeW, 84],
    [g.cheekW, 128],
    [g.jawW, 172],
    [g.chinW, g.chinY - 7],
  ];
  // mirrored() repeats the centre points, drop the duplicates at top and chin.
  const points = mirrored(CENTER_X, [...rightHalf, [0, g.chinY]]);
  const unique = points.filter((p, i) => i === 0 || p[0] !== points[i - 1][0] || p[1] !== points[i - 1][1]);
  unique.pop();
  return smoothClosedPath(unique);
}

export interface FaceColors {
  skin: string;
  skinLight: string;
  skinShadow: string;
  skinLine: string;
  hair: string;
  hairLight: string;
  hairDark: string;
  brow: string;
  lip: string;
  iris: string;
}

export function faceColors(a: FaceAttributes): FaceColors {
  const skin = skinColor(a.skinTone);
  const hair = HAIR_COLORS[a.hairColor];
  return {
    skin,
    skinLight: shade(skin, 0.18),
    skinShadow: shade(skin, -0.16),
    skinLine: shade(skin, -0.45),
    hair,
    hairLight: shade(hair, 0.22),
    hairDark: shade(hair, -0.35),
    brow: shade(mixColors(hair, '#2a1d17', 0.35), -0.1),
    lip: mixColors(shade(skin, -0.2), '#b4505a', 0.45),
    iris: EYE_COLORS[a.eyeColor],
  };
}

/** Shared by every part renderer; `def` registers a gradient or clip path once. */
export interface FaceContext {
  a: FaceAttributes;
  g: HeadGeometry;
  c: FaceColors;
  def(markup: string): void;
}
