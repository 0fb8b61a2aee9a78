import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { embedXmpInPng, makeChunk, pngChunks, readXmpFromPng, stripAllMetadataFromPng, stripXmpFromPng } from '@/lib/provenance/png-xmp';
import { buildXmp, DIGITAL_SOURCE_TYPE, parseXmp } from '@/lib/provenance/xmp';

const provenance = { provenanceId: 'cm3prov0001', verifyUrl: 'https://atelier.example/verify', description: 'Synthetic image <test> & more', usageTerms: 'Credit: “Ada” — non-commercial' };

async function samplePng() {
  const raw = Buffer.alloc(16 * 16 * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 37) % 256;
  return sharp(raw, { raw: { width: 16, height: 16, channels: 3 } }).png().toBuffer();
}

describe('XMP in PNG (iTXt XML:com.adobe.xmp)', () => {
  it('embeds a packet that sharp (libvips) reads back, with IPTC DigitalSourceType and our id', async () => {
    const png = await samplePng();
    const out = embedXmpInPng(png, buildXmp(provenance));
    const meta = await sharp(out).metadata();
    const xmp = meta.xmp!.toString('utf8');
    expect(xmp).toContain(`Iptc4xmpExt:DigitalSourceType="${DIGITAL_SOURCE_TYPE}"`);
    expect(parseXmp(xmp)).toEqual({ provenanceId: 'cm3prov0001', verifyUrl: 'https://atelier.example/verify', digitalSourceType: DIGITAL_SOURCE_TYPE });
    expect(xmp).toContain('&lt;test&gt; &amp; more');
    // Pixels are untouched.
    const [a, b] = await Promise.all([sharp(png).raw().toBuffer(), sharp(out).raw().toBuffer()]);
    expect(a.equals(b)).toBe(true);
  });

  it('puts the chunk right after IHDR with a valid CRC, and an independent parser (ffprobe) accepts the file', async () => {
    const out = embedXmpInPng(await samplePng(), buildXmp(provenance));
    const types = pngChunks(out).map((c) => c.type);
    expect(types.slice(0, 2)).toEqual(['IHDR', 'iTXt']);
    expect(types.at(-1)).toBe('IEND');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'xmp-')), 'x.png');
    writeFileSync(file, out);
    const probe = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-of', 'json', file]).toString());
    expect(probe.streams[0]).toMatchObject({ codec_name: 'png', width: 16, height: 16 });
  });

  it('replaces an existing packet instead of adding a second one', async () => {
    const once = embedXmpInPng(await samplePng(), buildXmp(provenance));
    const twice = embedXmpInPng(once, buildXmp({ ...provenance, provenanceId: 'other' }));
    expect(pngChunks(twice).filter((c) => c.type === 'iTXt')).toHaveLength(1);
    expect(parseXmp(readXmpFromPng(twice)!).provenanceId).toBe('other');
  });

  it('stripping our chunk (or all metadata) restores the original bytes exactly', async () => {
    const png = await samplePng();
    const out = embedXmpInPng(png, buildXmp(provenance));
    expect(out.equals(png)).toBe(false);
    expect(stripXmpFromPng(out).equals(png)).toBe(true);
    expect(stripAllMetadataFromPng(out).equals(png)).toBe(true);
    expect(readXmpFromPng(png)).toBeNull();
  });

  it('rejects corrupt files and ignores XMP that is not bound to our namespace', async () => {
    const out = embedXmpInPng(await samplePng(), buildXmp(provenance));
    const corrupt = Buffer.from(out);
    corrupt[40] ^= 0xff; // inside the iTXt chunk: its CRC no longer matches
    expect(() => pngChunks(corrupt)).toThrow(/CRC/);
    expect(() => pngChunks(Buffer.from('not a png'))).toThrow(/Not a PNG/);
    expect(parseXmp('<x atelier:ProvenanceId="abc"/>').provenanceId).toBeNull();
    expect(makeChunk('tEXt', Buffer.from('a')).length).toBe(13);
  });
});
