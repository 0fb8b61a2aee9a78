import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { activateBackend } from '../backend';
import { prepareTarget, TargetImageError } from './target-image';

/** A real photo with three people, shipped inside @vladmandic/face-api (demo/sample1.jpg, 1920×1280). */
const GROUP_PHOTO = path.resolve(__dirname, '../../../node_modules/@vladmandic/face-api/demo/sample1.jpg');

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    if (err instanceof TargetImageError) return err.code;
    throw err;
  }
}

const png = (w: number, h: number) => sharp({ create: { width: w, height: h, channels: 3, background: { r: 90, g: 140, b: 200 } } }).png().toBuffer();

beforeAll(async () => {
  await activateBackend('wasm');
});

describe('target image preparation', () => {
  it('refuses empty files, non-images, unsupported formats, damaged files, tiny and huge photos with their own codes', async () => {
    expect(await code(prepareTarget(new Uint8Array(0), 64, { align: false }))).toBe('empty');
    expect(await code(prepareTarget(Buffer.from('hello, this is text not a photo'), 64, { align: false }))).toBe('not_an_image');
    const tiff = await sharp({ create: { width: 80, height: 80, channels: 3, background: '#888' } }).tiff().toBuffer();
    expect(await code(prepareTarget(tiff, 64, { align: false }))).toBe('unsupported_format');
    const good = await sharp({ create: { width: 200, height: 200, channels: 3, background: '#888' } }).jpeg().toBuffer();
    expect(await code(prepareTarget(good.subarray(0, 40), 64, { align: false }))).toBe('corrupt');
    expect(await code(prepareTarget(await png(40, 300), 64, { align: false }))).toBe('too_small');
    // A 13000×100 PNG: sharp reads its header without decoding the pixels.
    expect(await code(prepareTarget(await png(13000, 100), 64, { align: false }))).toBe('too_large');
  });

  it('without alignment centre-crops and resizes to the model resolution', async () => {
    const t = await prepareTarget(await png(300, 200), 64, { align: false });
    expect(t.pixels).toHaveLength(64 * 64 * 3);
    expect(Array.from(t.pixels.subarray(0, 3))).toEqual([90, 140, 200]);
    expect(t.faceIndex).toBeNull();
  });

  it('finds no face in a flat picture, asks which face in a group photo, and aligns the chosen one', async () => {
    expect(await code(prepareTarget(await png(300, 300), 64, { align: true }))).toBe('no_face');
    const photo = fs.readFileSync(GROUP_PHOTO);
    let chooser: TargetImageError | null = null;
    try {
      await prepareTarget(photo, 64, { align: true });
    } catch (err) {
      chooser = err as TargetImageError;
    }
    expect(chooser?.code).toBe('choose_face');
    expect(chooser?.faces).toHaveLength(3);
    const areas = chooser!.faces!.map((f) => f.box.width * f.box.height);
    expect(areas).toEqual([...areas].sort((a, b) => b - a));
    for (const f of chooser!.faces!) expect(f.landmarks).toHaveLength(68);
    expect(await code(prepareTarget(photo, 64, { align: true, faceIndex: 3 }))).toBe('bad_face_index');
    const t = await prepareTarget(photo, 64, { align: true, faceIndex: 1 });
    expect(t.faceIndex).toBe(1);
    expect(t.pixels).toHaveLength(64 * 64 * 3);
    // The aligned crop is of a face, not of the flat background: it has contrast.
    const lum = Array.from({ length: 64 * 64 }, (_, i) => t.pixels[i * 3] + t.pixels[i * 3 + 1] + t.pixels[i * 3 + 2]);
    expect(Math.max(...lum) - Math.min(...lum)).toBeGreaterThan(200);
  });
});
