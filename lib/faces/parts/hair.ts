import { CENTER_X, type FaceContext, type HeadGeometry } from '../geometry';
import { fmt, linearGradient, offsetPoints, radialGradient, smoothBand, smoothChain, pt, type Point } from '../svg';

/**
 * Hair comes in two layers: `hairBack` is drawn behind the head (long hair,
 * bob, bun, afro volume), `hairFront` over it (the cap and fringe). Shapes are
 * fixed per style and only stretch with the head, so a style is one learnable
 * silhouette rather than noise.
 */

/** The cap's outer edge from the left ear, over the crown, to the right ear. */
function capOuter(g: HeadGeometry, pad: number, bottomY = 118): Point[] {
  const right: Point[] = [
    [0, g.topY - pad],
    [g.crownW + pad * 0.8, g.topY + 12 - pad * 0.3],
    [g.templeW + pad, 84],
    [g.cheekW + pad - 2, bottomY],
  ];
  const left = [...right].reverse().map(([x, y]): Point => [-x, y]);
  return offsetPoints([...left, ...right.slice(1)], CENTER_X);
}

/** A hairline given right to left, as offsets from the centre line. */
function capWithHairline(g: HeadGeometry, pad: number, hairline: Point[], bottomY?: number): string {
  return smoothBand(capOuter(g, pad, bottomY), offsetPoints(hairline, CENTER_X));
}

function symmetricHairline(halfFromRight: Point[]): Point[] {
  const mirror = [...halfFromRight].reverse().map(([x, y]): Point => [-x, y]);
  return [...halfFromRight, ...mirror.slice(1)];
}

function backShape(g: HeadGeometry, bottomY: number, flare: number): string {
  const right: Point[] = [
    [0, g.topY - 10],
    [g.crownW + 10, g.topY + 6],
    [g.templeW + 12, 96],
    [g.cheekW + 12 + flare * 0.5, 150],
    [g.cheekW + 12 + flare, bottomY],
  ];
  const left = [...right].reverse().map(([x, y]): Point => [-x, y]);
  const points = offsetPoints([...left, ...right.slice(1)], CENTER_X);
  return `M${pt(points[0])} ${smoothChain(points)} Z`;
}

export function hairBack({ a, g, c, def }: FaceContext): string {
  def(linearGradient('hairBack', [[0, c.hair], [1, c.hairDark]]));
  const fill = 'fill="url(#hairBack)"';
  switch (a.hairStyle) {
    case 'long':
      return `<path d="${backShape(g, 236, 8)}" ${fill}/>`;
    case 'bob':
      return `<path d="${backShape(g, 186, 2)}" ${fill}/>`;
    case 'bun':
      return (
        `<circle cx="${CENTER_X}" cy="${fmt(g.topY - 12)}" r="23" fill="url(#hairCurl)"/>` +
        `<path d="M${CENTER_X - 20} ${fmt(g.topY + 2)} Q${CENTER_X} ${fmt(g.topY + 8)} ${CENTER_X + 20} ${fmt(g.topY + 2)}" fill="none" stroke="${c.hairDark}" stroke-width="3" stroke-opacity="0.6"/>`
      );
    case 'afro': {
      const rx = g.templeW + 28;
      const bumps = ring(CENTER_X, 96, rx, 76, 16, 175, 5)
        .map(([x, y]) => `<circle cx="${fmt(x)}" cy="${fmt(y)}" r="20"/>`)
        .join('');
      return `<g fill="url(#hairBack)"><ellipse cx="${CENTER_X}" cy="96" rx="${fmt(rx)}" ry="76"/>${bumps}</g>`;
    }
    default:
      return '';
  }
}

/** Points on an ellipse arc, angles in degrees (0 = right, 90 = up). */
function ring(cx: number, cy: number, rx: number, ry: number, count: number, fromDeg: number, toDeg: number): Point[] {
  const points: Point[] = [];
  for (let i = 0; i < count; i++) {
    const t = ((fromDeg + ((toDeg - fromDeg) * i) / (count - 1)) * Math.PI) / 180;
    // Rounded right away: trig results never reach the SVG unrounded.
    points.push([Math.round((cx + rx * Math.cos(t)) * 100) / 100, Math.round((cy - ry * Math.sin(t)) * 100) / 100]);
  }
  return points;
}

export function hairFront(ctx: FaceContext): string {
  const { a, g, c, def } = ctx;
  def(linearGradient('hair', [[0, c.hairLight], [0.55, c.hair], [1, c.hairDark]]));
  def(radialGradient('hairCurl', [[0, c.hairLight], [0.7, c.hair], [1, c.hairDark]], { cx: 0.4, cy: 0.35, r: 0.6 }));
  const fill = 'fill="url(#hair)"';
  const t = g.templeW;
  const shine =
    `<path d="M${fmt(CENTER_X - g.crownW * 0.55)} ${fmt(g.topY + 14)} Q${fmt(CENTER_X - 10)} ${fmt(g.topY - 2)} ${fmt(CENTER_X + g.crownW * 0.25)} ${fmt(g.topY + 4)}" ` +
    `fill="none" stroke="${c.hairLight}" stroke-width="5" stroke-linecap="round" stroke-opacity="0.45"/>`;
  const shortHairline = symmetricHairline([
    [g.cheekW - 5, 116],
    [t - 6, 90],
    [t * 0.55, 70],
    [0, 67],
  ]);
  switch (a.hairStyle) {
    case 'bald':
      return `<ellipse cx="${fmt(CENTER_X - 14)}" cy="${fmt(g.topY + 18)}" rx="20" ry="10" fill="#ffffff" fill-opacity="0.18"/>`;
    case 'short':
      return `<path d="${capWithHairline(g, 6, shortHairline)}" ${fill}/>` + shine;
    case 'bun':
      return `<path d="${capWithHairline(g, 5, symmetricHairline([[g.cheekW - 5, 114], [t - 6, 88], [t * 0.5, 68], [0, 64]]))}" ${fill}/>` + shine;
    case 'fringe': {
      // Bangs: a wavy edge just above the brows (which are drawn over the hair).
      const hairline: Point[] = [
        [g.cheekW - 4, 114], [t - 3, 96], [t * 0.74, 93], [t * 0.5, 89], [t * 0.22, 95],
        [-t * 0.06, 89], [-t * 0.34, 95], [-t * 0.6, 89], [-t * 0.84, 94], [-(t - 3), 96], [-(g.cheekW - 4), 114],
      ];
      return `<path d="${capWithHairline(g, 8, hairline)}" ${fill}/>` + shine;
    }
    case 'long': {
      const hairline: Point[] = [
        [g.cheekW - 6, 156], [t - 9, 104], [t * 0.5, 72], [6, 60], [-t * 0.45, 74], [-(t - 8), 104], [-(g.cheekW - 6), 156],
      ];
      return `<path d="${capWithHairline(g, 8, hairline, 162)}" ${fill}/>` + shine;
    }
    case 'bob': {
      const hairline: Point[] = [
        [g.cheekW - 6, 172], [t - 7, 108], [t * 0.45, 80], [-t * 0.25, 86], [-(t - 8), 98], [-(g.cheekW - 6), 172],
      ];
      return `<path d="${capWithHairline(g, 9, hairline, 178)}" ${fill}/>` + shine;
    }
    case 'curly': {
      const outer = ring(CENTER_X, 112, t + 8, 112 - g.topY + 6, 13, 195, -15);
      const fringe: Point[] = [
        [CENTER_X - t * 0.62, 76], [CENTER_X - t * 0.22, 72], [CENTER_X + t * 0.22, 72], [CENTER_X + t * 0.62, 76],
      ];
      const curls = [...outer.map((p) => [p, 15] as const), ...fringe.map((p) => [p, 13] as const)]
        .map(([[x, y], r]) => `<circle cx="${fmt(x)}" cy="${fmt(y)}" r="${r}" fill="url(#hairCurl)"/>`)
        .join('');
      return `<path d="${capWithHairline(g, 8, shortHairline)}" ${fill}/>` + curls;
    }
    case 'spiky': {
      const spikes = ring(CENTER_X, 106, t + 6, 106 - g.topY + 4, 9, 168, 12);
      const tips = ring(CENTER_X, 106, t + 18, 106 - g.topY + 20, 8, 157, 23);
      const zigzag: Point[] = [];
      spikes.forEach((p, i) => {
        zigzag.push(p);
        if (i < tips.length) zigzag.push(tips[i]);
      });
      const hairline = offsetPoints(symmetricHairline([[g.cheekW - 5, 110], [t - 6, 88], [t * 0.5, 70], [0, 68]]), CENTER_X);
      const d = `M${pt([CENTER_X - g.cheekW - 3, 112])} ${zigzag.map((p) => `L${pt(p)}`).join(' ')} L${pt([CENTER_X + g.cheekW + 3, 112])} L${pt(hairline[0])} ${smoothChain(hairline)} Z`;
      return `<path d="${d}" ${fill} stroke="${c.hair}" stroke-width="4" stroke-linejoin="round"/>`;
    }
    case 'afro':
      return `<path d="${capWithHairline(g, 4, symmetricHairline([[g.cheekW - 5, 116], [t - 6, 90], [t * 0.55, 72], [0, 70]]))}" fill="url(#hairBack)"/>`;
  }
}
