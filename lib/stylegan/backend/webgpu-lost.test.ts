/**
 * A GPU device lost mid-job (driver reset, GPU removed): the job in flight fails with a clear
 * error, and the process moves to the next backend so that the worker keeps serving.
 * Its own file: losing the device ends webgpu for the rest of the process.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it, vi } from 'vitest';
import { assertBackendAlive, backendEpoch, getBackendInfo, initBackend } from '.';
import { Generator } from '../generator';
import { renderSeeds } from '../synthesize';
import { loseWebGpuDeviceForTests, webGpuState } from './webgpu';

describe('webgpu device lost', () => {
  it('fails the running work with a clear error and falls back to the next backend, which keeps rendering', async () => {
    await initBackend({ backend: 'webgpu', quiet: true });
    const G = Generator.init({ z_dim: 16, w_dim: 16, img_resolution: 16, img_channels: 3, mapping_kwargs: { num_layers: 2 }, synthesis_kwargs: { channel_base: 256, channel_max: 16 } }, 3);
    const before = await renderSeeds(G, [1]);
    expect(before).toHaveLength(1);
    const jobStarted = backendEpoch();
    expect(() => assertBackendAlive(jobStarted)).not.toThrow();

    const log = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    loseWebGpuDeviceForTests();
    await vi.waitFor(() => expect(webGpuState()?.lost).not.toBeNull(), { timeout: 10_000 });
    // The job that was running on the lost device fails clearly, now and at its next step.
    expect(() => assertBackendAlive(jobStarted)).toThrow(/GPU device lost \(destroyed: .*\); this job stopped/);
    const info = await initBackend();
    expect(() => assertBackendAlive(jobStarted)).toThrow(/GPU device lost/);
    const lines = log.mock.calls.map((c) => String(c[0]));
    log.mockRestore();
    expect(lines.some((l) => /WebGPU device lost \(/.test(l))).toBe(true);
    expect(lines.some((l) => /WebGPU device lost: switched to wasm/.test(l))).toBe(true);
    expect(info.choice).toBe('wasm');
    expect(getBackendInfo()?.choice).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(() => assertBackendAlive()).not.toThrow();
    expect(() => assertBackendAlive(backendEpoch())).not.toThrow();

    // The worker keeps serving: a generator loaded after the switch renders on wasm.
    const G2 = Generator.init({ z_dim: 16, w_dim: 16, img_resolution: 16, img_channels: 3, mapping_kwargs: { num_layers: 2 }, synthesis_kwargs: { channel_base: 256, channel_max: 16 } }, 3);
    const after = await renderSeeds(G2, [1]);
    expect(Array.from(after[0].pixels)).toEqual(Array.from(before[0].pixels));
    G2.dispose();
  });
});
