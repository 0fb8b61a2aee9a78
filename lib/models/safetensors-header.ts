// Reads only the JSON header of a safetensors file (names, dtypes, shapes, offsets) and
// checks it is self-consistent — no tensor data is decoded, so it is cheap and tfjs-free.

export type HeaderEntry = { dtype: string; shape: number[]; offsets: [number, number] };

const BYTES: Record<string, number> = { F32: 4, F16: 2, BF16: 2, F64: 8 };
const MAX_HEADER = 100 * 1024 * 1024;

/** Throws an Error naming the problem (`file` is used in messages). */
export function readSafetensorsHeader(bytes: Uint8Array, file: string): Map<string, HeaderEntry> {
  if (bytes.byteLength < 8) throw new Error(`${file} is not a safetensors file (too short)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = Number(view.getBigUint64(0, true));
  if (len <= 0 || len > MAX_HEADER || 8 + len > bytes.byteLength) throw new Error(`${file} is not a safetensors file (bad header length)`);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + len)));
  } catch {
    throw new Error(`${file} is not a safetensors file (header is not JSON)`);
  }
  if (!header || typeof header !== 'object' || Array.isArray(header)) throw new Error(`${file}: header is not an object`);
  const dataBytes = bytes.byteLength - 8 - len;
  const out = new Map<string, HeaderEntry>();
  for (const [name, raw] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const info = raw as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (typeof info?.dtype !== 'string' || !BYTES[info.dtype]) {
      throw new Error(`${file}: tensor ${name} has unsupported dtype ${JSON.stringify(info?.dtype)} (F32, F16, BF16 or F64)`);
    }
    if (!Array.isArray(info.shape) || !info.shape.every((d) => Number.isInteger(d) && d >= 0)) {
      throw new Error(`${file}: tensor ${name} has an invalid shape`);
    }
    const offsets = info.data_offsets;
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isInteger(o) && o >= 0)) {
      throw new Error(`${file}: tensor ${name} has invalid data_offsets`);
    }
    const [begin, end] = offsets as [number, number];
    const count = (info.shape as number[]).reduce((a, b) => a * b, 1);
    if (end - begin !== count * BYTES[info.dtype] || end > dataBytes) {
      throw new Error(`${file}: tensor ${name} data does not match its shape (truncated file?)`);
    }
    out.set(name, { dtype: info.dtype, shape: info.shape as number[], offsets: [begin, end] });
  }
  return out;
}
