import type { FaceAttributes } from './attributes';
import { CANVAS, CENTER_X, EYE_Y, TILT_PIVOT, ZOOM, faceColors, headGeometry, type FaceContext } from './geometry';
import { earrings, glasses, hat, hatHidesHair } from './parts/accessories';
import { background, body, ears, head } from './parts/body';
import { brows, eyes } from './parts/eyes';
import { beard, moustache } from './parts/facial-hair';
import { hairBack, hairFront } from './parts/hair';
import { mouth, nose } from './parts/nose-mouth';
import { fmt } from './svg';

/**
 * The SVG document for a face, drawn on a 256-unit canvas and scaled to
 * `size` pixels. A pure function of its arguments: same attributes, same text.
 */
export function faceSvg(attributes: FaceAttributes, size: number): string {
  const defs: string[] = [];
  const ctx: FaceContext = {
    a: attributes,
    g: headGeometry(attributes),
    c: faceColors(attributes),
    def: (markup) => {
      if (!defs.includes(markup)) defs.push(markup);
    },
  };
  // Painter's order, back to front. Everything above the shoulders tilts together.
  const headLayers = [
    hatHidesHair(ctx, hairBack(ctx)),
    ears(ctx),
    earrings(ctx),
    head(ctx),
    nose(ctx),
    beard(ctx),
    mouth(ctx),
    moustache(ctx),
    eyes(ctx),
    hatHidesHair(ctx, hairFront(ctx)),
    brows(ctx),
    hat(ctx),
    glasses(ctx),
  ].join('');
  const backdrop = background(ctx);
  const shoulders = body(ctx);
  const [px, py] = TILT_PIVOT;
  // Zoom in around the eye line so the face fills most of the frame (FFHQ-like crop).
  const view = CANVAS / ZOOM;
  const viewBox = `${fmt(CENTER_X - CENTER_X / ZOOM)} ${fmt(EYE_Y - EYE_Y / ZOOM)} ${fmt(view)} ${fmt(view)}`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="${viewBox}">` +
    `<defs>${defs.join('')}</defs>` +
    backdrop +
    shoulders +
    `<g transform="rotate(${fmt(attributes.tilt)} ${px} ${py})">${headLayers}</g>` +
    `</svg>`
  );
}
