/** Shared test helpers for lib/stylegan tests. */
import path from 'node:path';

/** The shared parity fixture (official StyleGAN2-ADA weights and reference outputs, 32 px). */
export const FIXTURE_DIR = path.resolve(__dirname, '../../../shared/fixtures/stylegan2-ada-32');

/** ‖a − b‖ / ‖b‖ */
export function relL2(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length mismatch ${a.length} vs ${b.length}`);
  let d = 0;
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    d += (a[i] - b[i]) ** 2;
    n += b[i] ** 2;
  }
  return Math.sqrt(d) / Math.max(Math.sqrt(n), 1e-30);
}
