import { CLOTHING_COLORS, hslToHex, shade } from '../palette';
import { CANVAS, CENTER_X, headOutline, type FaceContext } from '../geometry';
import { fmt, linearGradient, radialGradient } from '../svg';

export function background({ a, def }: FaceContext): string {
  const base = hslToHex(a.backgroundHue, 0.38, 0.72);
  const other = hslToHex(a.backgroundHue + a.backgroundHueShift, 0.42, 0.56);
  if (a.backgroundStyle === 'flat') return `<rect width="${CANVAS}" height="${CANVAS}" fill="${base}"/>`;
  if (a.backgroundStyle === 'vertical') {
    def(linearGradient('bg', [[0, shade(base, 0.12)], [1, other]]));
  } else {
    def(radialGradient('bg', [[0, shade(base, 0.2)], [1, other]], { cx: 0.5, cy: 0.42, r: 0.75 }));
  }
  return `<rect width="${CANVAS}" height="${CANVAS}" fill="url(#bg)"/>`;
}

/** Neck and shoulders with a round neckline; drawn behind the head. */
export function body({ a, c, def }: FaceContext): string {
  const cloth = CLOTHING_COLORS[a.clothingColor];
  def(linearGradient('cloth', [[0, shade(cloth, 0.1)], [1, shade(cloth, -0.25)]]));
  def(linearGradient('neck', [[0, shade(c.skin, -0.3)], [0.45, c.skinShadow], [1, c.skin]]));
  const x = CENTER_X;
  const neck = `<path d="M${x - 25} 170 L${x - 27} 236 L${x + 27} 236 L${x + 25} 170 Z" fill="url(#neck)"/>`;
  const shirt =
    `<path d="M6 ${CANVAS} C10 238 30 222 ${x - 60} 216 L${x - 28} 212 ` +
    `Q${x} 238 ${x + 28} 212 L${x + 60} 216 C${CANVAS - 30} 222 ${CANVAS - 10} 238 ${CANVAS - 6} ${CANVAS} Z" ` +
    `fill="url(#cloth)"/>`;
  const collar = `<path d="M${x - 28} 212 Q${x} 238 ${x + 28} 212" fill="none" stroke="${shade(cloth, -0.35)}" stroke-width="4"/>`;
  return neck + shirt + collar;
}

export function ears({ g, c }: FaceContext): string {
  const y = 128;
  return [-1, 1]
    .map((side) => {
      const x = CENTER_X + side * (g.cheekW - 2);
      return (
        `<ellipse cx="${fmt(x)}" cy="${y}" rx="10" ry="15" fill="${c.skin}"/>` +
        `<ellipse cx="${fmt(x + side * 2)}" cy="${y}" rx="5" ry="9" fill="${c.skinShadow}"/>`
      );
    })
    .join('');
}

/** The head: soft radial shading lit from the upper left, plus cheek blush. */
export function head(ctx: FaceContext): string {
  const { g, c, def } = ctx;
  def(radialGradient('skin', [[0, c.skinLight], [0.62, c.skin], [1, c.skinShadow]], { cx: 0.42, cy: 0.38, r: 0.68 }));
  // Blush reads as a bruise on deep skin tones, so it fades out as the tone deepens.
  const blushOpacity = 0.32 * (1 - 0.7 * ctx.a.skinTone);
  def(radialGradient('blush', [[0, '#e0707a', blushOpacity], [1, '#e0707a', 0]]));
  const blushX = g.cheekW * 0.62;
  const blush = [-1, 1]
    .map((side) => `<ellipse cx="${fmt(CENTER_X + side * blushX + g.featureShift)}" cy="150" rx="17" ry="11" fill="url(#blush)"/>`)
    .join('');
  return `<path d="${headOutline(g)}" fill="url(#skin)"/>` + blush;
}
