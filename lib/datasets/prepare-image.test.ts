import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { prepareImage, sniffFormat } from '@/lib/datasets/prepare-image';
import { asJpeg, asWebp, faces, tinyPng, truncated } from '@/lib/datasets/test-data';

describe('prepareImage', () => {
  it('turns PNG, JPEG and WebP into square PNGs of the dataset resolution', async () => {
    const [face] = await faces(1, 64);
    for (const bytes of [face, await asJpeg(face), await asWebp(face)]) {
      const r = await prepareImage(bytes, { resolution: 32, fit: 'crop' });
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      const meta = await sharp(r.png).metadata();
      expect([meta.format, meta.width, meta.height, meta.channels]).toEqual(['png', 32, 32, 3]);
    }
  });

  it('centre-crops or pads a wide image to a square', async () => {
    // Left half red, right half blue, 128×64: a centre crop keeps both halves, padding adds black bars.
    const wide = await sharp({ create: { width: 128, height: 64, channels: 3, background: '#ff0000' } })
      .composite([{ input: { create: { width: 64, height: 64, channels: 3, background: '#0000ff' } }, left: 64, top: 0 }])
      .png()
      .toBuffer();
    const crop = await prepareImage(wide, { resolution: 32, fit: 'crop' });
    const pad = await prepareImage(wide, { resolution: 32, fit: 'pad' });
    if (!crop.ok || !pad.ok) throw new Error('expected both to be accepted');
    const px = async (png: Buffer, x: number, y: number) => {
      const { data } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
      return [...data.subarray((y * 32 + x) * 3, (y * 32 + x) * 3 + 3)];
    };
    expect(await px(crop.png, 2, 16)).toEqual([255, 0, 0]);
    expect(await px(crop.png, 29, 16)).toEqual([0, 0, 255]);
    expect(await px(pad.png, 16, 1)).toEqual([0, 0, 0]); // letterbox bar
    expect(await px(pad.png, 2, 16)).toEqual([255, 0, 0]);
  });

  it('names what is wrong with a file', async () => {
    const [face] = await faces(1, 64);
    expect(await prepareImage(Buffer.alloc(0), { resolution: 32, fit: 'crop' })).toMatchObject({ ok: false, code: 'empty' });
    expect(await prepareImage(Buffer.from('hello, not an image'), { resolution: 32, fit: 'crop' })).toMatchObject({ ok: false, code: 'not_an_image' });
    expect(await prepareImage(truncated(face), { resolution: 32, fit: 'crop' })).toMatchObject({ ok: false, code: 'corrupt' });
    const small = await prepareImage(await tinyPng(8), { resolution: 32, fit: 'crop' });
    expect(small).toMatchObject({ ok: false, code: 'too_small' });
    expect(!small.ok && small.reason).toMatch(/8×8/);
    const gif = await sharp(face).gif().toBuffer();
    expect(await prepareImage(gif, { resolution: 32, fit: 'crop' })).toMatchObject({ ok: false, code: 'unsupported_format' });
    const tiff = await sharp(face).tiff().toBuffer();
    expect(await prepareImage(tiff, { resolution: 32, fit: 'crop' })).toMatchObject({ ok: false, code: 'unsupported_format' });
  });

  it('hashes the original bytes (duplicates are found by content, not name)', async () => {
    const [face] = await faces(1, 64);
    const a = await prepareImage(face, { resolution: 32, fit: 'crop' });
    const b = await prepareImage(Buffer.from(face), { resolution: 32, fit: 'pad' });
    expect(a.ok && b.ok && a.sha256 === b.sha256).toBe(true);
    expect(sniffFormat(face)).toBe('png');
  });
});
