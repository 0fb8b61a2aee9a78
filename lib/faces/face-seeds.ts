import { deriveSeed } from './prng';

/**
 * The face seed of image `index` in a dataset generated with `datasetSeed`.
 * Hashed rather than `datasetSeed + index`, so datasets with nearby seeds do
 * not share faces.
 */
export function datasetFaceSeed(datasetSeed: number, index: number): number {
  return deriveSeed(datasetSeed, index);
}
