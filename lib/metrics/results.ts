// What a metric reports (JSON on MetricRun.results, one CLI line each).
type Common = { num: number; featureNetwork: string; note: string; inputSize: number; seconds: number };
export type MetricResult =
  | (Common & { metric: 'fid'; value: number })
  | (Common & { metric: 'kid'; value: number })
  | (Common & { metric: 'pr'; precision: number; recall: number; k: number })
  | (Common & { metric: 'ppl'; value: number; epsilon: number; space: 'w'; sampling: 'end' });
