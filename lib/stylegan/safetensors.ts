/**
 * Minimal safetensors reader/writer (https://github.com/huggingface/safetensors
 * format): 8-byte little-endian header length, a JSON header mapping tensor
 * names to {dtype, shape, data_offsets}, then the raw little-endian bytes.
 * Everything is converted to/from Float32Array; F32, F16, BF16 and F64 are read,
 * F32 and F16 are written (F16 with round-to-nearest-even).
 */

export interface SafeTensor {
  dtype: string;
  shape: number[];
  data: Float32Array;
}

export interface SafetensorsFile {
  tensors: Record<string, SafeTensor>;
  metadata?: Record<string, string>;
}

const BYTES_PER_ELEMENT: Record<string, number> = { F32: 4, F16: 2, BF16: 2, F64: 8 };

export function readSafetensors(bytes: Uint8Array): SafetensorsFile {
  if (bytes.byteLength < 8) throw new Error('safetensors: file too short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = Number(view.getBigUint64(0, true));
  if (8 + headerLen > bytes.byteLength) throw new Error('safetensors: header length exceeds file size');
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLen))) as Record<string, unknown>;
  const dataStart = 8 + headerLen;
  const tensors: Record<string, SafeTensor> = {};
  let metadata: Record<string, string> | undefined;
  for (const [name, raw] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = raw as Record<string, string>;
      continue;
    }
    const info = raw as { dtype: string; shape: number[]; data_offsets: [number, number] };
    const size = BYTES_PER_ELEMENT[info.dtype];
    if (!size) throw new Error(`safetensors: unsupported dtype ${info.dtype} for ${name}`);
    const count = info.shape.reduce((a, b) => a * b, 1);
    const [begin, end] = info.data_offsets;
    if (end - begin !== count * size || dataStart + end > bytes.byteLength) {
      throw new Error(`safetensors: bad data_offsets for ${name}`);
    }
    tensors[name] = {
      dtype: info.dtype,
      shape: info.shape.slice(),
      data: decode(info.dtype, new DataView(bytes.buffer, bytes.byteOffset + dataStart + begin, end - begin), count),
    };
  }
  return metadata ? { tensors, metadata } : { tensors };
}

function decode(dtype: string, view: DataView, count: number): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    switch (dtype) {
      case 'F32':
        out[i] = view.getFloat32(i * 4, true);
        break;
      case 'F64':
        out[i] = view.getFloat64(i * 8, true);
        break;
      case 'F16':
        out[i] = halfToFloat(view.getUint16(i * 2, true));
        break;
      case 'BF16':
        out[i] = bf16ToFloat(view.getUint16(i * 2, true));
        break;
    }
  }
  return out;
}

export function writeSafetensors(
  tensors: Record<string, { shape: number[]; data: Float32Array }>,
  opts: { dtype?: 'F32' | 'F16'; metadata?: Record<string, string> } = {},
): Uint8Array {
  const dtype = opts.dtype ?? 'F32';
  const size = BYTES_PER_ELEMENT[dtype];
  const names = Object.keys(tensors).sort();
  const header: Record<string, unknown> = {};
  if (opts.metadata) header.__metadata__ = opts.metadata;
  let offset = 0;
  for (const name of names) {
    const { shape, data } = tensors[name];
    const count = shape.reduce((a, b) => a * b, 1);
    if (count !== data.length) throw new Error(`safetensors: ${name} has shape [${shape}] but ${data.length} values`);
    header[name] = { dtype, shape, data_offsets: [offset, offset + count * size] };
    offset += count * size;
  }
  let headerBytes = new TextEncoder().encode(JSON.stringify(header));
  // Pad the header with spaces so the data section starts 8-byte aligned (as the reference writer does).
  const padded = Math.ceil(headerBytes.length / 8) * 8;
  if (padded !== headerBytes.length) {
    const tmp = new Uint8Array(padded).fill(0x20);
    tmp.set(headerBytes);
    headerBytes = tmp;
  }
  const out = new Uint8Array(8 + headerBytes.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let pos = 8 + headerBytes.length;
  for (const name of names) {
    const { data } = tensors[name];
    for (let i = 0; i < data.length; i++) {
      if (dtype === 'F32') {
        view.setFloat32(pos, data[i], true);
        pos += 4;
      } else {
        view.setUint16(pos, floatToHalf(data[i]), true);
        pos += 2;
      }
    }
  }
  return out;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE 754 binary16 → number. */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 0x1f) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

/** number → IEEE 754 binary16 bits, round to nearest even, overflow to ±Inf, subnormals kept. */
export function floatToHalf(value: number): number {
  f32[0] = value;
  const x = u32[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0); // Inf / NaN
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00; // overflow
  if (e <= 0) {
    if (e < -10) return sign; // underflows to zero
    mant |= 0x800000; // implicit bit
    const shift = 14 - e;
    let half = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    if (rem > halfway || (rem === halfway && half & 1)) half++;
    return sign | half;
  }
  let half = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && half & 1)) half++; // may carry into exponent: still correct
  return sign | half;
}

function bf16ToFloat(b: number): number {
  u32[0] = b << 16;
  return f32[0];
}
