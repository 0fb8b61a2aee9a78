import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sampleAttributes } from './attributes';
import { faceSvg } from './face-svg';
import { renderFace } from './render-face';

const sha = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

describe('renderFace', () => {
  it('renders byte-identical PNGs for the same seed', async () => {
    const [a, b] = await Promise.all([renderFace(77, { size: 32 }), renderFace(77, { size: 32 })]);
    expect(sha(a.png)).toBe(sha(b.png));
    expect(a.attributes).toEqual(sampleAttributes(77));
  });

  it('renders different faces for different seeds', async () => {
    const pngs = await Promise.all([1, 2, 3, 4].map((seed) => renderFace(seed, { size: 32 })));
    expect(new Set(pngs.map((f) => sha(f.png))).size).toBe(4);
  });

  it('writes an opaque RGB PNG of the requested size, 64 px by default', async () => {
    for (const [size, expected] of [[undefined, 64], [32, 32], [100, 100]] as const) {
      const { png } = await renderFace(5, size === undefined ? {} : { size });
      const meta = await sharp(png).metadata();
      expect(meta.format).toBe('png');
      expect([meta.width, meta.height]).toEqual([expected, expected]);
      expect(meta.channels).toBe(3);
    }
  });

  it('rejects sizes it cannot render', async () => {
    await expect(renderFace(1, { size: 0 })).rejects.toThrow(RangeError);
    await expect(renderFace(1, { size: 12.5 })).rejects.toThrow(RangeError);
  });

  it('fills the frame rather than leaving a flat background', async () => {
    const { png } = await renderFace(9, { size: 32 });
    const { data } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    const centre = (16 * 32 + 16) * 3;
    const corner = 0;
    const distance = Math.hypot(data[centre] - data[corner], data[centre + 1] - data[corner + 1], data[centre + 2] - data[corner + 2]);
    expect(distance).toBeGreaterThan(10);
  });
});

describe('faceSvg', () => {
  it('is a pure function of the attributes and contains no text', () => {
    const attrs = sampleAttributes(31);
    const svg = faceSvg(attrs, 64);
    expect(faceSvg(attrs, 64)).toBe(svg);
    expect(svg).not.toMatch(/<text/);
    expect(svg).not.toMatch(/NaN|undefined/);
    expect(svg).toMatch(/^<svg [^>]*width="64" height="64"/);
  });

  it('never contains long floats, so the document is reproducible', () => {
    for (let seed = 0; seed < 200; seed++) {
      const svg = faceSvg(sampleAttributes(seed), 64);
      expect(svg).not.toMatch(/\d\.\d{3,}/);
      expect(svg).not.toMatch(/NaN|undefined|Infinity/);
    }
  });
});
