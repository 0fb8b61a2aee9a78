// PNG chunk surgery for XMP: insert an iTXt chunk with keyword `XML:com.adobe.xmp` right
// after IHDR (before any image data, where XMP readers look), read it back, or remove it.
// Pixels and every other chunk stay byte-identical, so removing our chunk restores the
// stored file exactly — which is how /verify matches a copy whose metadata was stripped.
import { crc32, inflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
export const XMP_KEYWORD = 'XML:com.adobe.xmp';

type Chunk = { type: string; start: number; end: number; data: Buffer };

export function isPng(bytes: Uint8Array) {
  return bytes.length >= 8 && Buffer.from(bytes.subarray(0, 8)).equals(SIGNATURE);
}

/** Every chunk with its byte range; throws on a truncated or corrupt file. */
export function pngChunks(bytes: Uint8Array): Chunk[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isPng(buf)) throw new Error('Not a PNG file');
  const chunks: Chunk[] = [];
  let offset = 8;
  while (offset < buf.length) {
    if (offset + 12 > buf.length) throw new Error('Truncated PNG chunk');
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('latin1', offset + 4, offset + 8);
    const end = offset + 12 + length;
    if (end > buf.length) throw new Error(`Truncated PNG chunk ${type}`);
    const crc = buf.readUInt32BE(end - 4);
    if (crc32(buf.subarray(offset + 4, offset + 8 + length)) !== crc) throw new Error(`Bad CRC in PNG chunk ${type}`);
    chunks.push({ type, start: offset, end, data: buf.subarray(offset + 8, offset + 8 + length) });
    offset = end;
    if (type === 'IEND') break;
  }
  if (chunks[0]?.type !== 'IHDR') throw new Error('PNG does not start with IHDR');
  return chunks;
}

export function makeChunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** iTXt: keyword \0, compression flag 0, method 0, language "" \0, translated keyword "" \0, UTF-8 text. */
function itxtData(keyword: string, text: string) {
  return Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0, 0, 0, 0, 0]), Buffer.from(text, 'utf8')]);
}

function readItxt(data: Buffer): { keyword: string; text: string } | null {
  const k = data.indexOf(0);
  if (k < 1) return null;
  const keyword = data.toString('latin1', 0, k);
  const compressed = data[k + 1] === 1;
  const langEnd = data.indexOf(0, k + 3);
  if (langEnd < 0) return null;
  const transEnd = data.indexOf(0, langEnd + 1);
  if (transEnd < 0) return null;
  const body = data.subarray(transEnd + 1);
  try {
    return { keyword, text: (compressed ? inflateSync(body) : body).toString('utf8') };
  } catch {
    return null;
  }
}

const isXmpChunk = (c: Chunk) => c.type === 'iTXt' && readItxt(c.data)?.keyword === XMP_KEYWORD;

/** The PNG with `xmp` as its only XMP packet. */
export function embedXmpInPng(png: Uint8Array, xmp: string): Buffer {
  const chunks = pngChunks(png).filter((c) => !isXmpChunk(c));
  const src = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  const parts = [SIGNATURE, src.subarray(chunks[0]!.start, chunks[0]!.end), makeChunk('iTXt', itxtData(XMP_KEYWORD, xmp))];
  for (const c of chunks.slice(1)) parts.push(src.subarray(c.start, c.end));
  return Buffer.concat(parts);
}

export function readXmpFromPng(png: Uint8Array): string | null {
  for (const c of pngChunks(png)) {
    if (c.type !== 'iTXt') continue;
    const itxt = readItxt(c.data);
    if (itxt?.keyword === XMP_KEYWORD) return itxt.text;
  }
  return null;
}

/** The PNG without its XMP chunks (the bytes as we stored them, for files we handed out). */
export function stripXmpFromPng(png: Uint8Array): Buffer {
  const src = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  const chunks = pngChunks(src);
  return Buffer.concat([SIGNATURE, ...chunks.filter((c) => !isXmpChunk(c)).map((c) => src.subarray(c.start, c.end))]);
}

/** Removes every text and metadata chunk, like a "strip metadata" tool would. */
export function stripAllMetadataFromPng(png: Uint8Array): Buffer {
  const src = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  const meta = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);
  return Buffer.concat([SIGNATURE, ...pngChunks(src).filter((c) => !meta.has(c.type)).map((c) => src.subarray(c.start, c.end))]);
}
