// Everything tensor-related the synthesis worker uses, in one module that renderer.ts
// loads at run time only (bundlers are told to skip it), so that a web bundle which
// happens to reach renderer.ts never pulls in TensorFlow.js.
export * as tf from '@tensorflow/tfjs';
export { assertBackendAlive, backendEpoch, initBackend } from '@/lib/stylegan/backend';
export { Generator } from '@/lib/stylegan/generator';
export { safetensorsToTensors } from '@/lib/stylegan/model-io';
export { NumpyRandomState } from '@/lib/stylegan/random';
export { imageToUint8, seedsToZ } from '@/lib/stylegan/synthesize';
