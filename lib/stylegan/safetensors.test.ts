import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { floatToHalf, halfToFloat, readSafetensors, writeSafetensors } from './safetensors';
import { FIXTURE_DIR } from './test-helpers';

describe('safetensors', () => {
  it('reads the official fixture with shapes and values', () => {
    const file = readSafetensors(fs.readFileSync(path.join(FIXTURE_DIR, 'G.safetensors')));
    const w = file.tensors['mapping.fc0.weight'];
    expect(w.dtype).toBe('F32');
    expect(w.shape).toEqual([64, 64]);
    expect(w.data.length).toBe(64 * 64);
    expect(file.tensors['synthesis.b4.const'].shape).toEqual([64, 4, 4]);
  });

  it('round-trips F32 exactly, with metadata and 8-byte aligned data', () => {
    const a = { shape: [2, 3], data: Float32Array.from([1.5, -2, 3.25, 0, 1e-30, -7e20]) };
    const s = { shape: [], data: Float32Array.from([42]) };
    const bytes = writeSafetensors({ a, s }, { metadata: { format: 'pt' } });
    const headerLen = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(headerLen % 8).toBe(0);
    const back = readSafetensors(bytes);
    expect(back.metadata).toEqual({ format: 'pt' });
    expect(back.tensors.a.shape).toEqual([2, 3]);
    expect(Array.from(back.tensors.a.data)).toEqual(Array.from(a.data));
    expect(back.tensors.s.shape).toEqual([]);
    expect(back.tensors.s.data[0]).toBe(42);
  });

  it('encodes float16 with round-to-nearest-even, overflow, subnormals and NaN', () => {
    expect(floatToHalf(1)).toBe(0x3c00);
    expect(floatToHalf(-2)).toBe(0xc000);
    expect(floatToHalf(65504)).toBe(0x7bff);
    expect(floatToHalf(65520)).toBe(0x7c00); // rounds up to +Inf
    expect(floatToHalf(1e6)).toBe(0x7c00);
    expect(floatToHalf(2 ** -24)).toBe(0x0001); // smallest subnormal
    expect(floatToHalf(2 ** -26)).toBe(0x0000); // below half of it: zero
    expect(floatToHalf(1 + 2 ** -11)).toBe(0x3c00); // tie → even
    expect(floatToHalf(1 + 3 * 2 ** -11)).toBe(0x3c02); // tie → even (up)
    expect(Number.isNaN(halfToFloat(floatToHalf(NaN)))).toBe(true);
    expect(halfToFloat(0x3555)).toBeCloseTo(0.333251953125, 12);
  });

  it('round-trips F16 within half precision', () => {
    const data = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 10 ** ((i % 7) - 3));
    const back = readSafetensors(writeSafetensors({ x: { shape: [1000], data } }, { dtype: 'F16' }));
    expect(back.tensors.x.dtype).toBe('F16');
    for (let i = 0; i < data.length; i++) {
      const tol = Math.max(Math.abs(data[i]) * 2 ** -11, 2 ** -25);
      expect(Math.abs(back.tensors.x.data[i] - data[i])).toBeLessThanOrEqual(tol);
    }
  });

  it('rejects corrupt offsets', () => {
    const bytes = writeSafetensors({ x: { shape: [4], data: new Float32Array(4) } });
    expect(() => readSafetensors(bytes.subarray(0, bytes.length - 4))).toThrow(/data_offsets/);
  });
});
