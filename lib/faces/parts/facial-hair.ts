import { CENTER_X, MOUTH_Y, type FaceContext } from '../geometry';
import { fmt, offsetPoints, smoothBand, type Point } from '../svg';

/** Beard and stubble: the lower head outline, with an opening around the mouth. Drawn before the mouth. */
export function beard({ a, g, c }: FaceContext): string {
  if (a.facialHair !== 'beard' && a.facialHair !== 'stubble' && a.facialHair !== 'goatee') return '';
  const s = g.featureShift;
  if (a.facialHair === 'goatee') {
    const x = CENTER_X + s * 1.2;
    return `<path d="M${fmt(x - 13)} ${MOUTH_Y + 10} Q${fmt(x)} ${MOUTH_Y + 6} ${fmt(x + 13)} ${MOUTH_Y + 10} Q${fmt(x + 12)} ${MOUTH_Y + 30} ${fmt(x)} ${MOUTH_Y + 32} Q${fmt(x - 12)} ${MOUTH_Y + 30} ${fmt(x - 13)} ${MOUTH_Y + 10} Z" fill="${c.hair}"/>`;
  }
  const outerRight: Point[] = [
    [g.cheekW - 1, 122],
    [g.jawW + 1, 172],
    [g.chinW + 2, g.chinY - 5],
    [0, g.chinY + 4],
  ];
  const leftToChin = outerRight.map(([x, y]): Point => [-x, y]);
  const outer = offsetPoints(leftToChin.concat(outerRight.slice(0, -1).reverse()), CENTER_X);
  // Cheeks stay bare: the edge runs from the sideburn down to the mouth corners.
  const inner = offsetPoints(
    [
      [g.cheekW - 3, 122],
      [g.cheekW - 11, 150],
      [25 + s, MOUTH_Y - 6],
      [23 + s, MOUTH_Y + 8],
      [s, MOUTH_Y + 17],
      [-23 + s, MOUTH_Y + 8],
      [-25 + s, MOUTH_Y - 6],
      [-(g.cheekW - 11), 150],
      [-(g.cheekW - 3), 122],
    ],
    CENTER_X,
  );
  const opacity = a.facialHair === 'stubble' ? 0.22 : 1;
  return `<path d="${smoothBand(outer, inner)}" fill="${a.facialHair === 'stubble' ? c.hairDark : c.hair}" fill-opacity="${opacity}"/>`;
}

/** Moustache over the upper lip; beards and goatees get one too. */
export function moustache({ a, g, c }: FaceContext): string {
  if (a.facialHair !== 'moustache' && a.facialHair !== 'beard' && a.facialHair !== 'goatee') return '';
  const x = CENTER_X + g.featureShift * 1.2;
  const y = MOUTH_Y - 8;
  const p = (dx: number, dy: number) => `${fmt(x + dx)} ${fmt(y + dy)}`;
  return `<path d="M${p(-22, 6)} Q${p(-14, -8)} ${p(0, -3)} Q${p(14, -8)} ${p(22, 6)} Q${p(12, 1)} ${p(0, 3)} Q${p(-12, 1)} ${p(-22, 6)} Z" fill="${c.hair}"/>`;
}
