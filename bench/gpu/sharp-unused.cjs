// Stand-in for `sharp` in a bundle of bench/gpu (esbuild --alias:sharp=./bench/gpu/sharp-unused.cjs):
// lib/stylegan/train requires sharp when it loads but the benchmark never decodes or writes an
// image, so the bundle runs without sharp's native libraries. A call would be a bug: it throws.
'use strict';
module.exports = function sharp() {
  throw new Error('sharp is not part of the bench/gpu bundle (bench/gpu/sharp-unused.cjs)');
};
