/**
 * Discriminator (official Discriminator, 'resnet' architecture): fromRGB at
 * full resolution, then per resolution conv0 (3×3), conv1 (3×3, FIR + stride-2
 * down) and a 1×1 FIR-downsampled skip, both branches × √0.5; the 4×4 epilogue
 * appends minibatch-stddev channels, then conv, fc and out. Conditional models
 * (c_dim > 0) project the output onto a mapped class embedding.
 *
 * Built only from ops with working second-order gradients (see ops.ts), so R1
 * can differentiate through it twice.
 */
import * as tf from '@tensorflow/tfjs';
import { channelsAt, resolveDiscriminatorKwargs, type DiscriminatorKwargs, type ResolvedDiscriminatorKwargs } from './config';
import { mappingForward, mappingSpecs, type MappingShape } from './mapping';
import { createVariables, disposeVariables, exportOfficial, specs, type TensorSpec, type VariableSet } from './name-map';
import { biasAct, conv2dDown2, conv2dSame, equalizedLinear, setupFilter2d } from './ops';

interface DBlockInfo {
  resolution: number;
  prefix: string; // 'b32'
  inChannels: number; // 0 for the first block (it has fromrgb)
  tmpChannels: number;
  outChannels: number;
}

function dLayout(d: ResolvedDiscriminatorKwargs): { blocks: DBlockInfo[]; channels4: number; cmapDim: number } {
  const ch = (res: number) => channelsAt(res, d.channel_base, d.channel_max);
  const blocks: DBlockInfo[] = [];
  for (let res = d.img_resolution; res > 4; res /= 2) {
    blocks.push({
      resolution: res,
      prefix: `b${res}`,
      inChannels: res < d.img_resolution ? ch(res) : 0,
      tmpChannels: ch(res),
      outChannels: ch(res / 2),
    });
  }
  const channels4 = ch(4);
  const cmapDim = d.c_dim === 0 ? 0 : (d.cmap_dim ?? channels4);
  return { blocks, channels4, cmapDim };
}

function dMappingShape(d: ResolvedDiscriminatorKwargs, cmapDim: number): MappingShape {
  const m = d.mapping_kwargs;
  return {
    prefix: 'mapping.',
    zDim: 0,
    cDim: d.c_dim,
    wDim: cmapDim,
    numLayers: m.num_layers,
    embedFeatures: m.embed_features,
    layerFeatures: m.layer_features,
    lrMultiplier: m.lr_multiplier,
    wAvgBeta: null,
  };
}

/** Every tensor of the discriminator's official state_dict, in a fixed order. */
export function discriminatorSpecs(d: ResolvedDiscriminatorKwargs): TensorSpec[] {
  const filter = setupFilter2d(d.block_kwargs.resample_filter);
  const { blocks, channels4, cmapDim } = dLayout(d);
  const out: TensorSpec[] = [];
  for (const b of blocks) {
    out.push(specs.filter(`${b.prefix}.resample_filter`, filter));
    if (b.inChannels === 0) {
      out.push(...specs.conv(`${b.prefix}.fromrgb`, d.img_channels, b.tmpChannels, 1));
      out.push(specs.filter(`${b.prefix}.fromrgb.resample_filter`, filter));
    }
    out.push(...specs.conv(`${b.prefix}.conv0`, b.tmpChannels, b.tmpChannels, 3));
    out.push(specs.filter(`${b.prefix}.conv0.resample_filter`, filter));
    out.push(...specs.conv(`${b.prefix}.conv1`, b.tmpChannels, b.outChannels, 3));
    out.push(specs.filter(`${b.prefix}.conv1.resample_filter`, filter));
    out.push(...specs.conv(`${b.prefix}.skip`, b.tmpChannels, b.outChannels, 1, { bias: false }));
    out.push(specs.filter(`${b.prefix}.skip.resample_filter`, filter));
  }
  if (d.c_dim > 0) out.push(...mappingSpecs(dMappingShape(d, cmapDim)));
  const mbstdC = d.epilogue_kwargs.mbstd_num_channels;
  out.push(...specs.conv('b4.conv', channels4 + mbstdC, channels4, 3));
  out.push(specs.filter('b4.conv.resample_filter', filter));
  out.push(
    {
      name: 'b4.fc.weight',
      officialShape: [channels4, channels4 * 16],
      layout: 'fc_flatten',
      flattenCHW: [channels4, 4, 4],
      kind: 'param',
      init: { randn: 1 },
    },
    { name: 'b4.fc.bias', officialShape: [channels4], layout: 'plain', kind: 'param', init: { fill: 0 } },
  );
  out.push(...specs.fc('b4.out', channels4, cmapDim === 0 ? 1 : cmapDim));
  return out;
}

/** Official Conv2dLayer: weight × 1/sqrt(fan_in), optional FIR stride-2 down, bias_act with gain and clamp × gain. */
function conv2dLayer(
  p: Record<string, tf.Tensor>,
  name: string,
  x: tf.Tensor4D,
  opts: { act: 'linear' | 'lrelu'; down?: boolean; gain?: number; clamp?: number | null; filter: number[] },
): tf.Tensor4D {
  const weight = p[`${name}.weight`] as tf.Tensor4D;
  const [kh, kw, inC] = weight.shape;
  const w = weight.mul(1 / Math.sqrt(inC * kh * kw)) as tf.Tensor4D;
  const y = opts.down ? conv2dDown2(x, w, opts.filter, Math.floor(kh / 2)) : conv2dSame(x, w);
  const gain = opts.gain ?? 1;
  const actGain = (opts.act === 'lrelu' ? Math.SQRT2 : 1) * gain;
  const clamp = opts.clamp === null || opts.clamp === undefined ? null : opts.clamp * gain;
  return biasAct(y, p[`${name}.bias`] ?? null, { act: opts.act, gain: actGain, clamp }) as tf.Tensor4D;
}

/**
 * Minibatch standard deviation (official MinibatchStdLayer), NHWC: samples are
 * grouped as n = g·(N/G) + j (same strided grouping as the official reshape).
 */
export function minibatchStd(x: tf.Tensor4D, groupSize: number | null, numChannels: number): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  const g = groupSize === null ? n : Math.min(groupSize, n);
  if (n % g !== 0) throw new Error(`minibatch-stddev: batch ${n} is not divisible by group size ${g}`);
  if (c % numChannels !== 0) throw new Error(`minibatch-stddev: channels ${c} not divisible by ${numChannels}`);
  const groups = n / g;
  const y = x.reshape([g, groups, h * w, numChannels, c / numChannels]);
  const centered = y.sub(y.mean(0, true));
  const std = tf.sqrt(centered.square().mean(0).add(1e-8)); // [groups, HW, F, c]
  const perGroup = std.mean([1, 3]); // [groups, F]
  const tiled = tf.tile(perGroup.reshape([groups, 1, 1, numChannels]), [g, h, w, 1]);
  return tf.concat([x, tiled], 3) as tf.Tensor4D;
}

export class Discriminator {
  readonly config: ResolvedDiscriminatorKwargs;
  readonly params: Record<string, tf.Variable>;
  readonly buffers: Record<string, tf.Variable>;
  readonly specs: TensorSpec[];
  private readonly layout: ReturnType<typeof dLayout>;

  private constructor(config: ResolvedDiscriminatorKwargs, specs: TensorSpec[], vars: VariableSet) {
    this.config = config;
    this.specs = specs;
    this.params = vars.params;
    this.buffers = vars.buffers;
    this.layout = dLayout(config);
  }

  static init(config: DiscriminatorKwargs, seed: number): Discriminator {
    const d = resolveDiscriminatorKwargs(config);
    const specs = discriminatorSpecs(d);
    return new Discriminator(d, specs, createVariables(specs, { seed }, 'D'));
  }

  static fromTensors(config: DiscriminatorKwargs, tensors: Record<string, tf.Tensor>): Discriminator {
    const d = resolveDiscriminatorKwargs(config);
    const specs = discriminatorSpecs(d);
    return new Discriminator(d, specs, createVariables(specs, { tensors }, 'D'));
  }

  toTensors(): Record<string, tf.Tensor> {
    return exportOfficial(this.specs, { params: this.params, buffers: this.buffers });
  }

  private checkImage(img: tf.Tensor4D): void {
    const d = this.config;
    if (img.rank !== 4 || img.shape[1] !== d.img_resolution || img.shape[2] !== d.img_resolution || img.shape[3] !== d.img_channels) {
      throw new Error(`discriminator: img must be [N, ${d.img_resolution}, ${d.img_resolution}, ${d.img_channels}], got [${img.shape}]`);
    }
  }

  /** fromRGB and the resolution blocks: the activation after each block (full resolution first), ending at 4×4. */
  private trunk(img: tf.Tensor4D): tf.Tensor4D[] {
    const d = this.config;
    const p = this.params as Record<string, tf.Tensor>;
    const filter = d.block_kwargs.resample_filter;
    const clamp = d.conv_clamp;
    const out: tf.Tensor4D[] = [];
    let x: tf.Tensor4D | null = null;
    for (const b of this.layout.blocks) {
      if (b.inChannels === 0) {
        x = conv2dLayer(p, `${b.prefix}.fromrgb`, img, { act: 'lrelu', clamp, filter });
        out.push(x);
      }
      const skip = conv2dLayer(p, `${b.prefix}.skip`, x!, { act: 'linear', down: true, gain: Math.SQRT1_2, filter });
      const y0 = conv2dLayer(p, `${b.prefix}.conv0`, x!, { act: 'lrelu', clamp, filter });
      const y1 = conv2dLayer(p, `${b.prefix}.conv1`, y0, { act: 'lrelu', down: true, gain: Math.SQRT1_2, clamp, filter });
      x = skip.add(y1) as tf.Tensor4D;
      out.push(x);
    }
    return out;
  }

  /**
   * Intermediate activations (fromRGB output, then each block's output, down to
   * 4×4), before the minibatch-stddev epilogue: so features of one image do not
   * depend on the rest of the batch. Used as a perceptual feature space by the
   * projector (lib/stylegan/projection).
   */
  features(img: tf.Tensor4D): tf.Tensor4D[] {
    this.checkImage(img);
    return tf.tidy(() => this.trunk(img));
  }

  /** img NHWC [N, res, res, img_channels] → logits [N, 1]. `c` [N, c_dim] for conditional models. */
  call(img: tf.Tensor4D, c?: tf.Tensor2D): tf.Tensor2D {
    const d = this.config;
    this.checkImage(img);
    return tf.tidy(() => {
      const p = this.params as Record<string, tf.Tensor>;
      const filter = d.block_kwargs.resample_filter;
      const clamp = d.conv_clamp;
      const blocks = this.trunk(img);
      let x: tf.Tensor4D = blocks[blocks.length - 1];
      const e = d.epilogue_kwargs;
      if (e.mbstd_num_channels > 0) x = minibatchStd(x, e.mbstd_group_size, e.mbstd_num_channels);
      x = conv2dLayer(p, 'b4.conv', x, { act: 'lrelu', clamp, filter });
      const flat = x.reshape([x.shape[0], -1]) as tf.Tensor2D; // NHWC flatten; b4.fc.weight is stored permuted to match
      let out = equalizedLinear(flat, p['b4.fc.weight'] as tf.Tensor2D, p['b4.fc.bias'] as tf.Tensor1D, { act: 'lrelu' });
      out = equalizedLinear(out, p['b4.out.weight'] as tf.Tensor2D, p['b4.out.bias'] as tf.Tensor1D);
      if (this.layout.cmapDim > 0) {
        if (!c) throw new Error(`discriminator: this model is conditional (c_dim=${d.c_dim}); pass c`);
        const cmap = mappingForward(dMappingShape(d, this.layout.cmapDim), p, null, c);
        out = out.mul(cmap).sum(1, true).mul(1 / Math.sqrt(this.layout.cmapDim)) as tf.Tensor2D;
      }
      return out;
    });
  }

  dispose(): void {
    disposeVariables({ params: this.params, buffers: this.buffers });
  }
}
