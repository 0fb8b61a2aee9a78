/**
 * THE name map between official StyleGAN2-ADA state_dict tensors and our
 * variables. Variables are keyed by the official name itself; what differs is
 * the layout, because we compute in NHWC with [in, out] matrices:
 *
 *   layout        official shape          internal shape
 *   'fc'          [out, in]               [in, out]             (transpose)
 *   'conv'        [O, I, kh, kw]  (OIHW)  [kh, kw, I, O] (HWIO)
 *   'const'       [C, H, W]               [H, W, C]
 *   'fc_flatten'  [out, C·H·W]            [H·W·C, out]          (D epilogue fc: NCHW flatten order → NHWC)
 *   'scalar'      [] (or [1])             []
 *   'plain'       any                     same
 *   'filter'      [k, k] resample_filter  — not a variable; fixed by the config, checked on load, written on save
 *
 * `kind` says whether the tensor is a trainable parameter, a non-trainable
 * buffer (w_avg, noise_const) or a derived constant (resample_filter).
 */
import * as tf from '@tensorflow/tfjs';
import { NumpyRandomState } from './random';

export type Layout = 'fc' | 'conv' | 'const' | 'fc_flatten' | 'scalar' | 'plain' | 'filter';

export interface TensorSpec {
  name: string;
  officialShape: number[];
  layout: Layout;
  kind: 'param' | 'buffer' | 'filter';
  /** official-style initial value: N(0,1)·scale, or a constant fill */
  init: { randn: number } | { fill: number };
  /** for 'fc_flatten': the [C, H, W] of the flattened input */
  flattenCHW?: [number, number, number];
  /** for 'filter': the official setup_filter value */
  filterValue?: Float32Array;
}

const numel = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

export function internalShape(spec: TensorSpec): number[] {
  const s = spec.officialShape;
  switch (spec.layout) {
    case 'fc':
      return [s[1], s[0]];
    case 'conv':
      return [s[2], s[3], s[1], s[0]];
    case 'const':
      return [s[1], s[2], s[0]];
    case 'fc_flatten':
      return [s[1], s[0]];
    case 'scalar':
      return [];
    default:
      return s.slice();
  }
}

/** Official layout → internal layout. Accepts scalars stored as [] or [1]. */
export function officialToInternal(spec: TensorSpec, data: Float32Array, shape: number[]): tf.Tensor {
  return tf.tidy(() => officialTensorToInternal(spec, tf.tensor(data, shape, 'float32')));
}

/**
 * The same conversion on a tensor, without reading its values back: it works wherever the
 * tensor lives (on the webgpu backend a read would have to be asynchronous).
 */
export function officialTensorToInternal(spec: TensorSpec, t: tf.Tensor): tf.Tensor {
  const expected = spec.officialShape;
  const shape = t.shape;
  const shapeOk =
    spec.layout === 'scalar' ? numel(shape) === 1 : shape.length === expected.length && shape.every((d, i) => d === expected[i]);
  if (!shapeOk) throw new Error(`${spec.name}: expected shape [${expected}], got [${shape}]`);
  return tf.tidy(() => {
    const x = t.dtype === 'float32' ? t : t.cast('float32');
    switch (spec.layout) {
      case 'fc':
        return x.reshape([expected[0], expected[1]]).transpose();
      case 'conv':
        return x.reshape(expected).transpose([2, 3, 1, 0]);
      case 'const':
        return x.reshape(expected).transpose([1, 2, 0]);
      case 'fc_flatten': {
        const [c, h, w] = spec.flattenCHW!;
        return x
          .reshape([expected[0], c, h, w])
          .transpose([2, 3, 1, 0])
          .reshape([h * w * c, expected[0]]);
      }
      case 'scalar':
        return x.reshape([]);
      default:
        return x.reshape(expected).clone();
    }
  });
}

/** Internal layout → official layout (the inverse of officialToInternal). */
export function internalToOfficial(spec: TensorSpec, t: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    switch (spec.layout) {
      case 'fc':
        return t.transpose();
      case 'conv':
        return t.transpose([3, 2, 0, 1]);
      case 'const':
        return t.transpose([2, 0, 1]);
      case 'fc_flatten': {
        const [c, h, w] = spec.flattenCHW!;
        const out = spec.officialShape[0];
        return t.reshape([h, w, c, out]).transpose([3, 2, 0, 1]).reshape([out, c * h * w]);
      }
      case 'scalar':
        return t.reshape([]);
      default:
        return t.clone();
    }
  });
}

/** Official-style random init of one tensor, drawn in official layout from `rng`. */
export function initialOfficialValue(spec: TensorSpec, rng: NumpyRandomState): Float32Array {
  const count = numel(spec.officialShape);
  if ('fill' in spec.init) return new Float32Array(count).fill(spec.init.fill);
  return rng.randnFloat32(count, spec.init.randn);
}

/** Variables (trainable params and non-trainable buffers) for a spec list. */
export interface VariableSet {
  params: Record<string, tf.Variable>;
  buffers: Record<string, tf.Variable>;
}

export function createVariables(
  specs: TensorSpec[],
  source: { tensors: Record<string, tf.Tensor> } | { seed: number },
  scope: string,
): VariableSet {
  const params: Record<string, tf.Variable> = {};
  const buffers: Record<string, tf.Variable> = {};
  const rng = 'seed' in source ? new NumpyRandomState(source.seed >>> 0) : null;
  const known = new Set(specs.map((s) => s.name));
  if ('tensors' in source) {
    const unknown = Object.keys(source.tensors).filter((k) => !known.has(k));
    if (unknown.length) throw new Error(`${scope}: unexpected tensors ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''}`);
  }
  for (const spec of specs) {
    if (spec.kind === 'filter' && rng) continue; // fixed by the config, nothing to draw
    let internal: tf.Tensor;
    if (rng) {
      internal = officialToInternal(spec, initialOfficialValue(spec, rng), spec.officialShape);
    } else {
      const t = (source as { tensors: Record<string, tf.Tensor> }).tensors[spec.name];
      if (!t) {
        if (spec.kind === 'filter') continue; // optional: derived from the config
        throw new Error(`${scope}: missing tensor ${spec.name}`);
      }
      if (spec.kind === 'filter') {
        // A resample filter is a small constant made on the CPU (file or exportOfficial), so
        // its values are there to read synchronously on every backend.
        checkFilter(spec, t.dataSync() as Float32Array, t.shape);
        continue;
      }
      internal = officialTensorToInternal(spec, t);
    }
    const variable = tf.variable(internal, spec.kind === 'param', `${scope}/${spec.name}#${nextVariableId++}`);
    internal.dispose();
    (spec.kind === 'param' ? params : buffers)[spec.name] = variable;
  }
  return { params, buffers };
}

let nextVariableId = 0;

function checkFilter(spec: TensorSpec, data: Float32Array, shape: number[]): void {
  const ref = spec.filterValue!;
  const ok =
    numel(shape) === ref.length && ref.every((v, i) => Math.abs(v - data[i]) <= 1e-3 * Math.abs(v) + 1e-6);
  if (!ok) throw new Error(`${spec.name}: resample filter differs from the configured resample_filter`);
}

/** All tensors in official names and layouts (filters included), for safetensors export. */
export function exportOfficial(specs: TensorSpec[], vars: VariableSet): Record<string, tf.Tensor> {
  const out: Record<string, tf.Tensor> = {};
  for (const spec of specs) {
    if (spec.kind === 'filter') {
      out[spec.name] = tf.tensor(spec.filterValue!, spec.officialShape);
      continue;
    }
    const v = spec.kind === 'param' ? vars.params[spec.name] : vars.buffers[spec.name];
    out[spec.name] = internalToOfficial(spec, v);
  }
  return out;
}

export function disposeVariables(vars: VariableSet): void {
  for (const v of Object.values(vars.params)) v.dispose();
  for (const v of Object.values(vars.buffers)) v.dispose();
}

/** Spec helpers used by the network definitions. */
export const specs = {
  fc(name: string, inF: number, outF: number, opts: { lrMultiplier?: number; biasInit?: number; bias?: boolean } = {}): TensorSpec[] {
    const lr = opts.lrMultiplier ?? 1;
    const out: TensorSpec[] = [
      { name: `${name}.weight`, officialShape: [outF, inF], layout: 'fc', kind: 'param', init: { randn: 1 / lr } },
    ];
    if (opts.bias !== false) {
      out.push({ name: `${name}.bias`, officialShape: [outF], layout: 'plain', kind: 'param', init: { fill: opts.biasInit ?? 0 } });
    }
    return out;
  },
  conv(name: string, inC: number, outC: number, k: number, opts: { bias?: boolean } = {}): TensorSpec[] {
    const out: TensorSpec[] = [
      { name: `${name}.weight`, officialShape: [outC, inC, k, k], layout: 'conv', kind: 'param', init: { randn: 1 } },
    ];
    if (opts.bias !== false) out.push({ name: `${name}.bias`, officialShape: [outC], layout: 'plain', kind: 'param', init: { fill: 0 } });
    return out;
  },
  filter(name: string, value: { shape: number[]; data: Float32Array }): TensorSpec {
    return { name, officialShape: value.shape, layout: 'filter', kind: 'filter', init: { fill: 0 }, filterValue: value.data };
  },
};
