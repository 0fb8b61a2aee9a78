import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getBackendInfo, initBackend, parseBackendOverride, resetBackendSelectionForTests } from '.';
import { wasmTrainingKernelsRegistered } from '../kernels';

function resolvable(pkg: string): boolean {
  try {
    createRequire(import.meta.url).resolve(pkg);
    return true;
  } catch {
    return false;
  }
}

afterEach(() => {
  delete process.env.TFJS_BACKEND;
  resetBackendSelectionForTests();
});

describe('initBackend', () => {
  it('falls through missing native packages to wasm with SIMD and the training kernels, logging once', async () => {
    const log = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const info = await initBackend();
    await initBackend();
    const lines = log.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('[stylegan] tfjs backend'));
    log.mockRestore();
    expect(lines).toHaveLength(1);
    expect(getBackendInfo()).toBe(info);
    const gpu = resolvable('@tensorflow/tfjs-node-gpu');
    const node = resolvable('@tensorflow/tfjs-node');
    if (info.adapter && !info.adapter.software) {
      // A machine with a real GPU: the hardware adapter wins.
      expect(info.choice).toBe('webgpu');
    } else if (!gpu && !node) {
      expect(info.choice).toBe('wasm');
      expect(info.skipped.map((s) => s.choice)).toEqual(['webgpu', 'node-gpu', 'node']);
      // No GPU here: webgpu is passed over (only a software adapter, or none), and the one log
      // line says so.
      expect(info.skipped[0].reason).toMatch(/no hardware WebGPU adapter/);
      expect(lines[0]).toMatch(/tfjs backend: wasm .*webgpu skipped: no hardware WebGPU adapter/);
      expect(info.skipped.slice(1).every((s) => /Cannot find module/.test(s.reason))).toBe(true);
      expect(info.simd).toBe(true);
      expect(info.threads).toBe(false);
      expect(tf.getBackend()).toBe('wasm');
      expect(wasmTrainingKernelsRegistered()).toBe(true);
    } else {
      expect(info.choice).toBe(gpu ? 'node-gpu' : 'node');
    }
  });

  it('honours TFJS_BACKEND', async () => {
    process.env.TFJS_BACKEND = 'cpu';
    const info = await initBackend({ quiet: true });
    expect([info.choice, info.tfBackend, info.forced]).toEqual(['cpu', 'cpu', true]);
    expect(tf.getBackend()).toBe('cpu');
  });

  it('fails loudly for an unknown or unavailable forced backend', async () => {
    expect(() => parseBackendOverride('gpu')).toThrow(/TFJS_BACKEND must be one of/);
    await expect(initBackend({ backend: 'gpu' as never, quiet: true })).rejects.toThrow(/must be one of/);
    expect(parseBackendOverride('WebGPU')).toBe('webgpu');
    expect(parseBackendOverride(' WASM ')).toBe('wasm');
    expect(parseBackendOverride(undefined)).toBeNull();
    if (!resolvable('@tensorflow/tfjs-node')) {
      process.env.TFJS_BACKEND = 'node';
      await expect(initBackend({ quiet: true })).rejects.toThrow(/Cannot find module/);
    }
  });
});
