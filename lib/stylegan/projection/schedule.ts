/**
 * The projector's schedules, as described in the StyleGAN2 paper (Karras et
 * al. 2020, appendix D): the learning rate ramps up linearly over the first
 * `lrRampUp` fraction of the steps and down to zero along a cosine over the
 * last `lrRampDown` fraction; the noise added to w starts at
 * `initialNoiseFactor`·σ_w and decays quadratically to zero at
 * `noiseRampLength` of the way through.
 */
export interface ScheduleOptions {
  /** peak learning rate */
  lr: number;
  /** fraction of the steps spent ramping the learning rate up */
  lrRampUp: number;
  /** fraction of the steps spent ramping it down (cosine) */
  lrRampDown: number;
  /** noise added to w at t = 0, in units of σ_w */
  initialNoiseFactor: number;
  /** fraction of the steps after which no noise is added to w */
  noiseRampLength: number;
}

/** Learning rate at progress t ∈ [0, 1]. */
export function learningRateAt(t: number, o: Pick<ScheduleOptions, 'lr' | 'lrRampUp' | 'lrRampDown'>): number {
  const down = o.lrRampDown > 0 ? Math.min(1, (1 - t) / o.lrRampDown) : 1;
  const rampDown = 0.5 - 0.5 * Math.cos(down * Math.PI);
  const rampUp = o.lrRampUp > 0 ? Math.min(1, t / o.lrRampUp) : 1;
  return o.lr * rampDown * rampUp;
}

/** Standard deviation of the noise added to w at progress t, given σ_w. */
export function wNoiseStdAt(t: number, sigmaW: number, o: Pick<ScheduleOptions, 'initialNoiseFactor' | 'noiseRampLength'>): number {
  if (o.noiseRampLength <= 0) return 0;
  const left = Math.max(0, 1 - t / o.noiseRampLength);
  return sigmaW * o.initialNoiseFactor * left * left;
}
