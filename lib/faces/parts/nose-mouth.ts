import { CENTER_X, MOUTH_Y, type FaceContext } from '../geometry';
import { shade } from '../palette';
import { fmt } from '../svg';

/** Noses are drawn as soft shadow rather than outlines: they stay readable at 64 px. */
export function nose({ a, g, c, def }: FaceContext): string {
  const x = CENTER_X + g.featureShift * 1.5;
  const shadow = shade(c.skin, -0.3);
  def(`<radialGradient id="noseShade" cx="0.5" cy="0.5" r="0.5"><stop offset="0" stop-color="${shadow}" stop-opacity="0.85"/><stop offset="1" stop-color="${shadow}" stop-opacity="0"/></radialGradient>`);
  const stroke = `stroke="${shadow}" stroke-linecap="round" stroke-linejoin="round" fill="none"`;
  const nostrils = (dx: number, y: number) =>
    `<ellipse cx="${fmt(x - dx)}" cy="${y}" rx="2.6" ry="1.8" fill="${c.skinLine}" fill-opacity="0.75"/>` +
    `<ellipse cx="${fmt(x + dx)}" cy="${y}" rx="2.6" ry="1.8" fill="${c.skinLine}" fill-opacity="0.75"/>`;
  const highlight = (y: number, r: number) =>
    `<ellipse cx="${fmt(x - 1)}" cy="${fmt(y)}" rx="${fmt(r)}" ry="${fmt(r * 0.8)}" fill="${c.skinLight}" fill-opacity="0.8"/>`;
  switch (a.noseStyle) {
    case 'button':
      return `<ellipse cx="${fmt(x)}" cy="148" rx="11" ry="8" fill="url(#noseShade)"/>` + highlight(145, 3.5) + nostrils(5, 151);
    case 'long':
      return (
        `<path d="M${fmt(x + 4)} 124 Q${fmt(x + 6)} 140 ${fmt(x + 5)} 148" ${stroke} stroke-width="3.5" stroke-opacity="0.8"/>` +
        `<ellipse cx="${fmt(x)}" cy="150" rx="10" ry="7" fill="url(#noseShade)"/>` + highlight(147, 3) + nostrils(5, 153)
      );
    case 'wide':
      return `<ellipse cx="${fmt(x)}" cy="149" rx="16" ry="9" fill="url(#noseShade)"/>` + highlight(146, 4.5) + nostrils(8, 152);
    case 'pointed':
      return (
        `<path d="M${fmt(x + 2)} 128 L${fmt(x + 8)} 149 Q${fmt(x + 4)} 153 ${fmt(x - 3)} 151" ${stroke} stroke-width="3.5" stroke-opacity="0.85"/>` +
        `<ellipse cx="${fmt(x)}" cy="147" rx="9" ry="7" fill="url(#noseShade)"/>`
      );
  }
}

export function mouth({ a, g, c }: FaceContext): string {
  const x = CENTER_X + g.featureShift * 1.2;
  const y = MOUTH_Y;
  const lipDark = shade(c.lip, -0.4);
  const p = (dx: number, dy: number) => `${fmt(x + dx)} ${fmt(y + dy)}`;
  switch (a.expression) {
    case 'smile':
      return (
        `<path d="M${p(-20, -5)} Q${p(0, 5)} ${p(20, -5)} Q${p(0, 17)} ${p(-20, -5)} Z" fill="${c.lip}"/>` +
        `<path d="M${p(-20, -5)} Q${p(0, 8)} ${p(20, -5)}" fill="none" stroke="${lipDark}" stroke-width="3" stroke-linecap="round"/>`
      );
    case 'grin':
      return (
        `<path d="M${p(-20, -4)} Q${p(0, 2)} ${p(20, -4)} Q${p(0, 24)} ${p(-20, -4)} Z" fill="#5b1f24"/>` +
        `<path d="M${p(-17, -2.5)} Q${p(0, 2.5)} ${p(17, -2.5)} L${p(14, 3)} Q${p(0, 7)} ${p(-14, 3)} Z" fill="#f4f1ea"/>` +
        `<path d="M${p(-20, -4)} Q${p(0, 2)} ${p(20, -4)} Q${p(0, 24)} ${p(-20, -4)} Z" fill="none" stroke="${c.lip}" stroke-width="3" stroke-linejoin="round"/>`
      );
    case 'neutral':
      return (
        `<path d="M${p(-15, 0)} Q${p(0, -5)} ${p(15, 0)} Q${p(0, 8)} ${p(-15, 0)} Z" fill="${c.lip}"/>` +
        `<path d="M${p(-15, 0)} L${p(15, 0)}" stroke="${lipDark}" stroke-width="2.2" stroke-linecap="round"/>`
      );
    case 'frown':
      return (
        `<path d="M${p(-15, 5)} Q${p(0, -7)} ${p(15, 5)} Q${p(0, 2)} ${p(-15, 5)} Z" fill="${c.lip}"/>` +
        `<path d="M${p(-15, 5)} Q${p(0, -5)} ${p(15, 5)}" fill="none" stroke="${lipDark}" stroke-width="2.5" stroke-linecap="round"/>`
      );
    case 'open':
      return `<ellipse cx="${fmt(x)}" cy="${fmt(y + 3)}" rx="9" ry="11" fill="#4f1a20" stroke="${c.lip}" stroke-width="4"/>`;
  }
}
