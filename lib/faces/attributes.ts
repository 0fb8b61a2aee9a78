import { attributeRng } from './prng';
import { CLOTHING_COLORS, EYE_COLORS, HAIR_COLORS, HAT_COLORS, METAL_COLORS } from './palette';

export const FACE_SHAPES = ['oval', 'round', 'square', 'heart', 'long'] as const;
export const EYE_SHAPES = ['round', 'almond', 'narrow', 'sleepy'] as const;
export const BROW_STYLES = ['straight', 'arched', 'angled', 'thick', 'thin'] as const;
export const NOSE_STYLES = ['button', 'long', 'wide', 'pointed'] as const;
export const EXPRESSIONS = ['smile', 'grin', 'neutral', 'frown', 'open'] as const;
export const HAIR_STYLES = ['bald', 'short', 'fringe', 'long', 'bob', 'bun', 'curly', 'spiky', 'afro'] as const;
export const FACIAL_HAIR = ['none', 'stubble', 'moustache', 'goatee', 'beard'] as const;
export const GLASSES = ['none', 'round', 'square', 'sunglasses'] as const;
export const HATS = ['none', 'beanie', 'cap', 'bowler'] as const;
export const EARRINGS = ['none', 'stud', 'hoop'] as const;
export const BACKGROUND_STYLES = ['flat', 'vertical', 'radial'] as const;

export type FaceShape = (typeof FACE_SHAPES)[number];
export type EyeShape = (typeof EYE_SHAPES)[number];
export type BrowStyle = (typeof BROW_STYLES)[number];
export type NoseStyle = (typeof NOSE_STYLES)[number];
export type Expression = (typeof EXPRESSIONS)[number];
export type HairStyle = (typeof HAIR_STYLES)[number];
export type FacialHair = (typeof FACIAL_HAIR)[number];
export type Glasses = (typeof GLASSES)[number];
export type Hat = (typeof HATS)[number];
export type Earrings = (typeof EARRINGS)[number];
export type BackgroundStyle = (typeof BACKGROUND_STYLES)[number];

/**
 * Everything that decides one face. Flat and JSON-friendly: it is written as
 * one line of attributes.jsonl per image. Continuous values are rounded to
 * 3 decimals so the JSON (and the SVG built from it) is exactly reproducible.
 */
export interface FaceAttributes {
  seed: number;
  // Coarse: silhouette and pose.
  faceShape: FaceShape;
  /** Horizontal scale of the head, around 1. */
  faceWidth: number;
  /** Head roll in degrees, small (alignment stays FFHQ-like). */
  tilt: number;
  /** -1 (looking left) … 1 (looking right): shifts the inner features. */
  turn: number;
  hairStyle: HairStyle;
  hat: Hat;
  // Middle: features.
  eyeShape: EyeShape;
  /** 0 = close-set … 1 = wide-set. */
  eyeSpacing: number;
  browStyle: BrowStyle;
  noseStyle: NoseStyle;
  expression: Expression;
  facialHair: FacialHair;
  glasses: Glasses;
  earrings: Earrings;
  // Fine: colours.
  /** 0 = lightest … 1 = deepest skin tone. */
  skinTone: number;
  eyeColor: keyof typeof EYE_COLORS;
  hairColor: keyof typeof HAIR_COLORS;
  hatColor: keyof typeof HAT_COLORS;
  earringMetal: keyof typeof METAL_COLORS;
  clothingColor: keyof typeof CLOTHING_COLORS;
  backgroundStyle: BackgroundStyle;
  /** Background hue in degrees. */
  backgroundHue: number;
  /** Hue offset of the gradient's second colour, in degrees. */
  backgroundHueShift: number;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const keysOf = <T extends object>(o: T) => Object.keys(o) as (keyof T)[];

/**
 * Draws every attribute from its own PRNG stream, so no attribute depends on
 * another: style mixing then has independent factors to separate.
 */
export function sampleAttributes(seed: number): FaceAttributes {
  const s = seed >>> 0;
  const rng = (name: string) => attributeRng(s, name);
  return {
    seed: s,
    faceShape: rng('faceShape').pick(FACE_SHAPES),
    faceWidth: round3(rng('faceWidth').range(0.93, 1.07)),
    tilt: round3(rng('tilt').range(-5, 5)),
    turn: round3(rng('turn').range(-1, 1)),
    hairStyle: rng('hairStyle').pick(HAIR_STYLES),
    hat: rng('hat').weighted({ none: 70, beanie: 10, cap: 10, bowler: 10 }),
    eyeShape: rng('eyeShape').pick(EYE_SHAPES),
    eyeSpacing: round3(rng('eyeSpacing').next()),
    browStyle: rng('browStyle').pick(BROW_STYLES),
    noseStyle: rng('noseStyle').pick(NOSE_STYLES),
    expression: rng('expression').weighted({ smile: 30, grin: 15, neutral: 25, frown: 15, open: 15 }),
    facialHair: rng('facialHair').weighted({ none: 55, stubble: 12, moustache: 11, goatee: 10, beard: 12 }),
    glasses: rng('glasses').weighted({ none: 60, round: 14, square: 14, sunglasses: 12 }),
    earrings: rng('earrings').weighted({ none: 60, stud: 20, hoop: 20 }),
    skinTone: round3(rng('skinTone').next()),
    eyeColor: rng('eyeColor').pick(keysOf(EYE_COLORS)),
    hairColor: rng('hairColor').weighted({
      black: 16, darkBrown: 16, brown: 16, auburn: 9, ginger: 8, blonde: 12, platinum: 6, grey: 9, blue: 4, pink: 4,
    }),
    hatColor: rng('hatColor').pick(keysOf(HAT_COLORS)),
    earringMetal: rng('earringMetal').pick(keysOf(METAL_COLORS)),
    clothingColor: rng('clothingColor').pick(keysOf(CLOTHING_COLORS)),
    backgroundStyle: rng('backgroundStyle').pick(BACKGROUND_STYLES),
    backgroundHue: round3(rng('backgroundHue').range(0, 360)),
    backgroundHueShift: round3(rng('backgroundHueShift').range(-60, 60)),
  };
}
