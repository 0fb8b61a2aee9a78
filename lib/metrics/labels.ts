// Names and labels of the metrics, free of tfjs: the web app imports these, workers do the work.
export const METRIC_NAMES = ['fid', 'kid', 'pr', 'ppl'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

export const FEATURE_DIM = 2048;
export const FEATURE_NETWORK = 'nsfwjs-4.3.0/inception_v3/mixed10-avgpool';
export const FEATURE_NETWORK_LABEL =
  'InceptionV3 from nsfwjs 4.3.0 (partly fine-tuned, uint8 weights): not comparable with published FIDs';
/** The input size standard FID uses; smaller sizes (≥ 75) are allowed for quick runs and tests. */
export const DEFAULT_INPUT_SIZE = 299;
