// The metrics through the real feature network (the nsfwjs InceptionV3) on real images: the
// procedural faces the bundled model was trained on, and noise images.
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@/lib/stylegan/backend';
import { fidFromFeatures } from './fid';
import { extractFeatures, FEATURE_DIM, type RgbImage } from './inception';
import { proceduralSource } from './image-sources';
import { kid } from './kid';
import { precisionRecall } from './precision-recall';
import { mulberry32 } from './random';

const N = 24;
const inputSize = 139;
let facesA: Float32Array;
let facesB: Float32Array;
let noise: Float32Array;

function noiseImages(count: number, seed: number): RgbImage[] {
  const rand = mulberry32(seed);
  return Array.from({ length: count }, () => ({ width: 64, height: 64, channels: 3, pixels: Uint8Array.from({ length: 64 * 64 * 3 }, () => Math.floor(rand() * 256)) }));
}

beforeAll(async () => {
  await initBackend({ backend: 'wasm', quiet: true });
  const faces = await proceduralSource(2 * N, 64).read(0, 2 * N);
  facesA = await extractFeatures(faces.slice(0, N), { inputSize });
  facesB = await extractFeatures(faces.slice(N), { inputSize });
  noise = await extractFeatures(noiseImages(N, 9), { inputSize });
}, 300_000);

describe('metrics on InceptionV3 features', () => {
  it('gives 2048 finite, non-constant features per image', () => {
    expect(facesA.length).toBe(N * FEATURE_DIM);
    expect(facesA.every(Number.isFinite)).toBe(true);
    expect(new Set(facesA.slice(0, FEATURE_DIM)).size).toBeGreaterThan(100);
  });

  it('FID of a set against itself is 0 and KID ≈ 0', () => {
    const selfFid = fidFromFeatures(facesA, N, facesA, N, FEATURE_DIM);
    const noiseFid = fidFromFeatures(facesA, N, noise, N, FEATURE_DIM);
    expect(selfFid).toBeLessThan(noiseFid * 1e-6);
    const selfKid = kid(facesA, N, facesA, N, FEATURE_DIM, { numSubsets: 10 });
    expect(Math.abs(selfKid)).toBeLessThan(kid(facesA, N, noise, N, FEATURE_DIM, { numSubsets: 10 }) / 20);
  });

  it('two halves of one dataset score far lower than the dataset against noise images', () => {
    const halves = fidFromFeatures(facesA, N, facesB, N, FEATURE_DIM);
    const vsNoise = fidFromFeatures(facesA, N, noise, N, FEATURE_DIM);
    expect(halves * 3).toBeLessThan(vsNoise);
    const kidHalves = kid(facesB, N, facesA, N, FEATURE_DIM, { numSubsets: 10 });
    const kidNoise = kid(noise, N, facesA, N, FEATURE_DIM, { numSubsets: 10 });
    expect(kidHalves * 3).toBeLessThan(kidNoise);
    const prHalves = precisionRecall(facesA, N, facesB, N, FEATURE_DIM);
    const prNoise = precisionRecall(facesA, N, noise, N, FEATURE_DIM);
    expect(prHalves.precision).toBeGreaterThan(prNoise.precision);
    expect(prHalves.recall).toBeGreaterThan(prNoise.recall);
    expect(prNoise.precision).toBeLessThan(0.2);
  });
});
