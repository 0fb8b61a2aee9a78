/**
 * The webgpu backend (Dawn) as CI runs it: forced with TFJS_BACKEND=webgpu on the software
 * adapter that Mesa's llvmpipe gives through Dawn's OpenGL ES backend (scripts/test.sh installs
 * the Mesa packages). On a machine with a GPU the same tests run on the hardware adapter.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getBackendInfo, initBackend, resetBackendSelectionForTests } from '.';
import { Generator } from '../generator';
import { runParity } from '../parity';
import { FIXTURE_DIR } from '../test-helpers';

afterEach(() => {
  delete process.env.TFJS_BACKEND;
  delete process.env.ATELIER_DAWN_FLAGS;
});

describe('webgpu backend', () => {
  it('starts when forced, names its adapter in the one log line, and computes conv2d and its gradients like cpu', async () => {
    resetBackendSelectionForTests();
    process.env.TFJS_BACKEND = 'webgpu';
    const log = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const info = await initBackend();
    const lines = log.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('[stylegan] tfjs backend'));
    log.mockRestore();
    expect([info.choice, info.tfBackend, info.forced]).toEqual(['webgpu', 'webgpu', true]);
    expect(tf.getBackend()).toBe('webgpu');
    expect(info.adapter).toBeDefined();
    expect(typeof info.adapter!.software).toBe('boolean');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(info.adapter!.software ? 'software' : 'hardware');

    const x = tf.randomNormal([2, 8, 8, 3], 0, 1, 'float32', 1) as tf.Tensor4D;
    const w = tf.randomNormal([3, 3, 3, 4], 0, 1, 'float32', 2) as tf.Tensor4D;
    const f = (xx: tf.Tensor, ww: tf.Tensor) => tf.sum(tf.square(tf.conv2d(xx as tf.Tensor4D, ww as tf.Tensor4D, 1, 'same')));
    const [gx, gw] = tf.grads(f)([x, w]);
    const gpu = [await gx.data(), await gw.data()];
    const xs = await x.data();
    const wsv = await w.data();
    await tf.setBackend('cpu');
    const [cx, cw] = tf.grads(f)([tf.tensor4d(xs, x.shape), tf.tensor4d(wsv, w.shape)]);
    const ref = [await cx.data(), await cw.data()];
    for (let k = 0; k < 2; k++) {
      let num = 0;
      let den = 0;
      ref[k].forEach((r, i) => {
        num += (gpu[k][i] - r) ** 2;
        den += r * r;
      });
      expect(Math.sqrt(num / den)).toBeLessThan(1e-5);
    }
    await tf.setBackend('webgpu');
  });

  it('renders with the generator and reads results back asynchronously (dataSync is not needed anywhere on the path)', async () => {
    await initBackend({ backend: 'webgpu', quiet: true });
    expect(getBackendInfo()?.choice).toBe('webgpu');
    const { renderSeeds } = await import('../synthesize');
    const G = Generator.init({ z_dim: 16, w_dim: 16, img_resolution: 16, img_channels: 3, mapping_kwargs: { num_layers: 2 }, synthesis_kwargs: { channel_base: 256, channel_max: 16 } }, 3);
    const images = await renderSeeds(G, [1, 2], { psi: 0.7 });
    expect(images).toHaveLength(2);
    expect(images[0].pixels.length).toBe(16 * 16 * 3);
    expect(Array.from(images[0].pixels)).not.toEqual(Array.from(images[1].pixels));
    G.dispose();
  });

  it('reproduces the official forward outputs and the official training step (Gmain, Dmain, R1) on the shared fixture', async () => {
    await initBackend({ backend: 'webgpu', quiet: true });
    expect(tf.getBackend()).toBe('webgpu');
    const run = await runParity(FIXTURE_DIR);
    expect(run.results.length).toBeGreaterThan(0);
    expect(run.phases.map((p) => p.phase)).toEqual(['Gmain', 'Dmain', 'Dreg']);
    for (const r of run.results) expect(r.relError, r.case).toBeLessThanOrEqual(1e-4);
    for (const p of run.phases) expect(p.ok, JSON.stringify(p)).toBe(true);
    expect(run.ok).toBe(true);
  });

  it('is passed over with one clear log line when Dawn finds no adapter, and forcing it then fails loudly', async () => {
    // Only Dawn's null backend is allowed: no adapter at all, as on a host with no GPU driver.
    process.env.ATELIER_DAWN_FLAGS = 'backend=null';
    const { findWebGpuAdapterForTests } = await import('./webgpu');
    await expect(findWebGpuAdapterForTests(true)).rejects.toThrow(/no WebGPU adapter/);
    await expect(findWebGpuAdapterForTests(false)).rejects.toThrow(/no hardware WebGPU adapter/);
  });
});
