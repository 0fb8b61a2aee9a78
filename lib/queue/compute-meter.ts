/**
 * Compute seconds taken piecewise: each call returns the seconds since the previous one (the
 * first since the meter was made), so every second is charged exactly once however often the
 * running total is written.
 */
export function computeMeter(): () => number {
  let charged = process.hrtime.bigint();
  return () => {
    const now = process.hrtime.bigint();
    const seconds = Number(now - charged) / 1e9;
    charged = now;
    return seconds;
  };
}
