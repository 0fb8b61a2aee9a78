// /verify: which record (if any) a file came from. First the embedded id (XMP in a PNG,
// container tags in a video), then the content hash — of the file as given and, for a PNG,
// with our XMP chunk removed — against every stored and downloaded variant we recorded.
// A file we did not make is "unknown": we never guess from looks.
import { db } from '@/lib/db';
import { sha256Hex } from '@/lib/storage/storage';
import { publicSummary } from '@/lib/provenance/get-provenance';
import { isPng, readXmpFromPng, stripXmpFromPng } from '@/lib/provenance/png-xmp';
import { readVideoTags } from '@/lib/provenance/video-metadata';
import { parseXmp } from '@/lib/provenance/xmp';

export type VerifyResult =
  | {
      status: 'found';
      match: 'embedded-id' | 'content-hash';
      /** True when the bytes (or the PNG without our XMP) hash to a file we recorded for this record. */
      contentMatches: boolean;
      sha256: string;
      record: NonNullable<Awaited<ReturnType<typeof publicSummary>>>;
    }
  | { status: 'unknown'; sha256: string; claimedProvenanceId: string | null; message: string };

function looksLikeVideo(bytes: Buffer) {
  const mp4 = bytes.length > 12 && bytes.toString('latin1', 4, 8) === 'ftyp';
  const webm = bytes.length > 4 && bytes.readUInt32BE(0) === 0x1a45dfa3;
  return mp4 || webm;
}

async function embeddedId(bytes: Buffer): Promise<string | null> {
  if (isPng(bytes)) {
    try {
      const xmp = readXmpFromPng(bytes);
      return xmp ? parseXmp(xmp).provenanceId : null;
    } catch {
      return null;
    }
  }
  if (looksLikeVideo(bytes)) {
    const id = (await readVideoTags(bytes))?.provenance_id ?? null;
    return id && /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : null;
  }
  return null;
}

function candidateHashes(bytes: Buffer): string[] {
  const hashes = [sha256Hex(bytes)];
  if (isPng(bytes)) {
    try {
      hashes.push(sha256Hex(stripXmpFromPng(bytes)));
    } catch {
      // a corrupt PNG has only its raw hash
    }
  }
  return [...new Set(hashes)];
}

/** Record ids whose files hash to one of `hashes`, oldest first. */
async function recordsByHash(hashes: string[]) {
  const [files, records] = await Promise.all([
    db.provenanceFile.findMany({ where: { sha256: { in: hashes } }, select: { recordId: true, record: { select: { createdAt: true } } } }),
    db.provenanceRecord.findMany({ where: { assetSha256: { in: hashes } }, select: { id: true, createdAt: true } }),
  ]);
  const all = [...files.map((f) => ({ id: f.recordId, at: f.record.createdAt })), ...records.map((r) => ({ id: r.id, at: r.createdAt }))];
  return [...new Set(all.sort((a, b) => a.at.getTime() - b.at.getTime()).map((r) => r.id))];
}

export async function verifyFile(input: Uint8Array): Promise<VerifyResult> {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const sha256 = sha256Hex(bytes);
  const [claimed, byHash] = await Promise.all([embeddedId(bytes), recordsByHash(candidateHashes(bytes))]);
  if (claimed) {
    const record = await publicSummary(claimed);
    if (record) return { status: 'found', match: 'embedded-id', contentMatches: byHash.includes(claimed), sha256, record };
  }
  if (byHash.length) {
    const record = (await publicSummary(byHash[0]!))!;
    return { status: 'found', match: 'content-hash', contentMatches: true, sha256, record };
  }
  return {
    status: 'unknown',
    sha256,
    claimedProvenanceId: claimed,
    message: claimed
      ? `The file claims provenance id ${claimed}, but no such record exists here: it was not made on this platform or its metadata was forged.`
      : 'No provenance found: this file was not made on this platform, or it was re-encoded so that neither its metadata nor its bytes match.',
  };
}
