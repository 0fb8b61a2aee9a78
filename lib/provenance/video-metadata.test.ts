import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { embedVideoMetadata, readVideoTags } from '@/lib/provenance/video-metadata';
import { DIGITAL_SOURCE_TYPE } from '@/lib/provenance/xmp';

const dir = mkdtempSync(path.join(tmpdir(), 'prov-video-'));
function sample(format: 'mp4' | 'webm') {
  const file = path.join(dir, `s.${format}`);
  const codec = format === 'mp4' ? 'libx264' : 'libvpx-vp9';
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=64x64:rate=4', '-t', '1', '-pix_fmt', 'yuv420p', '-c:v', codec, file]);
  return readFileSync(file);
}

const p = { provenanceId: 'cm3video01', verifyUrl: 'https://atelier.example/verify', description: 'Synthetic video.', usageTerms: 'Non-commercial use only.' };

describe.each(['mp4', 'webm'] as const)('provenance in %s container metadata', (format) => {
  it('writes comment, description and custom keys that ffprobe reads back, without re-encoding', async () => {
    const original = sample(format);
    expect((await readVideoTags(original))?.provenance_id).toBeUndefined();
    const tagged = await embedVideoMetadata(original, format, p);
    const tags = (await readVideoTags(tagged))!;
    expect(tags.provenance_id).toBe('cm3video01');
    expect(tags.digital_source_type).toBe(DIGITAL_SOURCE_TYPE);
    expect(tags.verify_url).toBe('https://atelier.example/verify');
    expect(tags.comment).toContain(DIGITAL_SOURCE_TYPE);
    expect(tags.comment).toContain('cm3video01');
    expect(tags.description).toContain('Non-commercial');
    // Same packets: the stream hash of the video is unchanged.
    const streamHash = (buf: Buffer) => {
      const f = path.join(dir, `h-${Math.random()}.${format}`);
      writeFileSync(f, buf);
      return execFileSync('ffmpeg', ['-v', 'error', '-i', f, '-map', '0:v', '-c', 'copy', '-f', 'hash', '-']).toString();
    };
    expect(streamHash(tagged)).toBe(streamHash(original));
    // Deterministic: the same record gives the same bytes (so a download hash is stable).
    expect((await embedVideoMetadata(original, format, p)).equals(tagged)).toBe(true);
  });

  it('reports a file ffprobe cannot read as null', async () => {
    expect(await readVideoTags(Buffer.from('definitely not a video'))).toBeNull();
  });
});
