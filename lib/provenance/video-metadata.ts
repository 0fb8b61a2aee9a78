// Provenance in MP4 and WebM container metadata, written by ffmpeg with a stream copy (no
// re-encode): `comment` and `description` carry a readable statement, custom keys carry the
// machine-readable fields. MP4 needs `-movflags use_metadata_tags` to keep custom keys.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DIGITAL_SOURCE_TYPE, type EmbeddedProvenance } from '@/lib/provenance/xmp';

const run = promisify(execFile);

export type VideoFormat = 'mp4' | 'webm';

export function videoFormatOf(mime: string): VideoFormat | null {
  if (mime === 'video/mp4') return 'mp4';
  if (mime === 'video/webm') return 'webm';
  return null;
}

/** The container tags for a record (also what the verifier expects to read back). */
export function videoTags(p: EmbeddedProvenance): Record<string, string> {
  const statement = `AI-generated (IPTC DigitalSourceType ${DIGITAL_SOURCE_TYPE}). Provenance ${p.provenanceId}; verify at ${p.verifyUrl}`;
  return {
    comment: statement,
    description: `${p.description} ${p.usageTerms}`.trim(),
    digital_source_type: DIGITAL_SOURCE_TYPE,
    provenance_id: p.provenanceId,
    verify_url: p.verifyUrl,
  };
}

async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'atelier-prov-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The same video with our tags in its container (streams copied bit for bit). */
export async function embedVideoMetadata(bytes: Uint8Array, format: VideoFormat, p: EmbeddedProvenance): Promise<Buffer> {
  return withTempDir(async (dir) => {
    const input = path.join(dir, `in.${format}`);
    const output = path.join(dir, `out.${format}`);
    await writeFile(input, bytes);
    const tags = Object.entries(videoTags(p)).flatMap(([k, v]) => ['-metadata', `${k}=${v}`]);
    const mp4 = format === 'mp4' ? ['-movflags', '+faststart+use_metadata_tags'] : [];
    await run('ffmpeg', ['-v', 'error', '-y', '-i', input, '-map', '0', '-c', 'copy', '-map_metadata', '0', ...tags, ...mp4, '-fflags', '+bitexact', output], { maxBuffer: 1 << 20 });
    return readFile(output);
  });
}

/** Format-level tags as ffprobe reads them (keys lower-cased); null when ffprobe cannot parse the file. */
export async function readVideoTags(bytes: Uint8Array): Promise<Record<string, string> | null> {
  return withTempDir(async (dir) => {
    const input = path.join(dir, 'in.bin');
    await writeFile(input, bytes);
    try {
      const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'format_tags', '-of', 'json', input], { maxBuffer: 1 << 20 });
      const tags = (JSON.parse(stdout) as { format?: { tags?: Record<string, string> } }).format?.tags ?? {};
      return Object.fromEntries(Object.entries(tags).map(([k, v]) => [k.toLowerCase(), v]));
    } catch {
      return null;
    }
  });
}
