/**
 * Serialisable StyleGAN2-ADA configuration, using the constructor argument
 * names of NVlabs stylegan2-ada-pytorch `training/networks.py` so that a
 * `config.json` written by `tools/export_stylegan2_ada.py` (or by the official
 * pickles' `init_kwargs`) can be read as-is. `resolveConfig` fills in the
 * official defaults for every key that is missing.
 */

export interface MappingKwargs {
  num_layers: number;
  embed_features: number | null;
  layer_features: number | null;
  activation: 'lrelu';
  lr_multiplier: number;
  w_avg_beta: number | null;
}

export interface SynthesisKwargs {
  channel_base: number;
  channel_max: number;
  num_fp16_res: number;
  conv_clamp: number | null;
  architecture: 'skip';
  resample_filter: number[];
  use_noise: boolean;
  activation: 'lrelu';
  kernel_size: number;
}

export interface GeneratorKwargs {
  z_dim: number;
  c_dim: number;
  w_dim: number;
  img_resolution: number;
  img_channels: number;
  mapping_kwargs: MappingKwargs;
  synthesis_kwargs: SynthesisKwargs;
}

export interface DiscriminatorBlockKwargs {
  activation: 'lrelu';
  resample_filter: number[];
  freeze_layers: number;
}

export interface EpilogueKwargs {
  mbstd_group_size: number | null;
  mbstd_num_channels: number;
  activation: 'lrelu';
}

/** Discriminator mapping (only used when c_dim > 0): official MappingNetwork defaults. */
export interface DiscriminatorMappingKwargs {
  num_layers: number;
  embed_features: number | null;
  layer_features: number | null;
  activation: 'lrelu';
  lr_multiplier: number;
}

export interface DiscriminatorKwargs {
  c_dim: number;
  img_resolution: number;
  img_channels: number;
  architecture?: 'resnet';
  channel_base?: number;
  channel_max?: number;
  num_fp16_res?: number;
  conv_clamp?: number | null;
  cmap_dim?: number | null;
  block_kwargs?: Partial<DiscriminatorBlockKwargs>;
  mapping_kwargs?: Partial<DiscriminatorMappingKwargs>;
  epilogue_kwargs?: Partial<EpilogueKwargs>;
}

/** DiscriminatorKwargs after resolveConfig: every field present. */
export interface ResolvedDiscriminatorKwargs extends DiscriminatorKwargs {
  architecture: 'resnet';
  channel_base: number;
  channel_max: number;
  num_fp16_res: number;
  conv_clamp: number | null;
  cmap_dim: number | null;
  block_kwargs: DiscriminatorBlockKwargs;
  mapping_kwargs: DiscriminatorMappingKwargs;
  epilogue_kwargs: EpilogueKwargs;
}

export interface StyleGAN2Config {
  generator_kwargs: GeneratorKwargs;
  discriminator_kwargs: ResolvedDiscriminatorKwargs;
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K] };

export type PartialGeneratorKwargs = Pick<GeneratorKwargs, 'z_dim' | 'w_dim' | 'img_resolution' | 'img_channels'> &
  Partial<Pick<GeneratorKwargs, 'c_dim'>> & {
    mapping_kwargs?: DeepPartial<MappingKwargs>;
    synthesis_kwargs?: DeepPartial<SynthesisKwargs>;
  };

export interface PartialStyleGAN2Config {
  generator_kwargs: PartialGeneratorKwargs;
  discriminator_kwargs?: DiscriminatorKwargs;
}

export const OFFICIAL_MAPPING_DEFAULTS: MappingKwargs = {
  num_layers: 8,
  embed_features: null,
  layer_features: null,
  activation: 'lrelu',
  lr_multiplier: 0.01,
  w_avg_beta: 0.995,
};

export const OFFICIAL_SYNTHESIS_DEFAULTS: SynthesisKwargs = {
  channel_base: 32768,
  channel_max: 512,
  num_fp16_res: 0,
  conv_clamp: null,
  architecture: 'skip',
  resample_filter: [1, 3, 3, 1],
  use_noise: true,
  activation: 'lrelu',
  kernel_size: 3,
};

function log2Resolution(res: number): number {
  const log2 = Math.log2(res);
  if (!Number.isInteger(log2) || res < 4) {
    throw new Error(`img_resolution must be a power of two >= 4, got ${res}`);
  }
  return log2;
}

function requirePositiveInt(value: unknown, name: string, allowZero = false): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
    throw new Error(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Fill official defaults into generator kwargs and reject what this implementation does not support. */
export function resolveGeneratorKwargs(g: PartialGeneratorKwargs): GeneratorKwargs {
  const mapping = { ...OFFICIAL_MAPPING_DEFAULTS, ...(g.mapping_kwargs ?? {}) } as MappingKwargs;
  const synthesis = { ...OFFICIAL_SYNTHESIS_DEFAULTS, ...(g.synthesis_kwargs ?? {}) } as SynthesisKwargs;
  const out: GeneratorKwargs = {
    z_dim: requirePositiveInt(g.z_dim, 'generator_kwargs.z_dim', true),
    c_dim: requirePositiveInt(g.c_dim ?? 0, 'generator_kwargs.c_dim', true),
    w_dim: requirePositiveInt(g.w_dim, 'generator_kwargs.w_dim'),
    img_resolution: g.img_resolution,
    img_channels: requirePositiveInt(g.img_channels, 'generator_kwargs.img_channels'),
    mapping_kwargs: mapping,
    synthesis_kwargs: synthesis,
  };
  log2Resolution(out.img_resolution);
  if (out.z_dim === 0 && out.c_dim === 0) throw new Error('generator needs z_dim > 0 or c_dim > 0');
  requirePositiveInt(mapping.num_layers, 'mapping_kwargs.num_layers');
  if (mapping.activation !== 'lrelu') throw new Error(`unsupported mapping activation ${mapping.activation}`);
  if (synthesis.architecture !== 'skip') {
    throw new Error(`unsupported synthesis architecture '${synthesis.architecture}' (config F uses 'skip')`);
  }
  if (synthesis.activation !== 'lrelu') throw new Error(`unsupported synthesis activation ${synthesis.activation}`);
  if (synthesis.kernel_size % 2 !== 1) throw new Error('synthesis kernel_size must be odd');
  return out;
}

export function resolveDiscriminatorKwargs(d: DiscriminatorKwargs): ResolvedDiscriminatorKwargs {
  const out: ResolvedDiscriminatorKwargs = {
    c_dim: requirePositiveInt(d.c_dim ?? 0, 'discriminator_kwargs.c_dim', true),
    img_resolution: d.img_resolution,
    img_channels: requirePositiveInt(d.img_channels, 'discriminator_kwargs.img_channels'),
    architecture: d.architecture ?? 'resnet',
    channel_base: d.channel_base ?? 32768,
    channel_max: d.channel_max ?? 512,
    num_fp16_res: d.num_fp16_res ?? 0,
    conv_clamp: d.conv_clamp ?? null,
    cmap_dim: d.cmap_dim ?? null,
    block_kwargs: { activation: 'lrelu', resample_filter: [1, 3, 3, 1], freeze_layers: 0, ...(d.block_kwargs ?? {}) },
    mapping_kwargs: {
      num_layers: 8,
      embed_features: null,
      layer_features: null,
      activation: 'lrelu',
      lr_multiplier: 0.01,
      ...(d.mapping_kwargs ?? {}),
    },
    epilogue_kwargs: { mbstd_group_size: 4, mbstd_num_channels: 1, activation: 'lrelu', ...(d.epilogue_kwargs ?? {}) },
  };
  log2Resolution(out.img_resolution);
  if (out.architecture !== 'resnet') {
    throw new Error(`unsupported discriminator architecture '${out.architecture}' (config F uses 'resnet')`);
  }
  if (out.block_kwargs.activation !== 'lrelu' || out.epilogue_kwargs.activation !== 'lrelu') {
    throw new Error('unsupported discriminator activation');
  }
  return out;
}

/** Derive matching discriminator kwargs from generator kwargs (official train.py uses the same channel settings). */
export function defaultDiscriminatorKwargs(g: GeneratorKwargs): DiscriminatorKwargs {
  return {
    c_dim: g.c_dim,
    img_resolution: g.img_resolution,
    img_channels: g.img_channels,
    channel_base: g.synthesis_kwargs.channel_base,
    channel_max: g.synthesis_kwargs.channel_max,
    num_fp16_res: g.synthesis_kwargs.num_fp16_res,
    conv_clamp: g.synthesis_kwargs.conv_clamp,
  };
}

export function resolveConfig(partial: PartialStyleGAN2Config): StyleGAN2Config {
  const generator_kwargs = resolveGeneratorKwargs(partial.generator_kwargs);
  const discriminator_kwargs = resolveDiscriminatorKwargs(
    partial.discriminator_kwargs ?? defaultDiscriminatorKwargs(generator_kwargs),
  );
  return { generator_kwargs, discriminator_kwargs };
}

/** Number of w vectors the synthesis network consumes: 2·log2(res) − 2. */
export function numWsFor(g: Pick<GeneratorKwargs, 'img_resolution'>): number {
  return 2 * log2Resolution(g.img_resolution) - 2;
}

/** Block resolutions from 4 up to img_resolution. */
export function blockResolutions(imgResolution: number): number[] {
  const out: number[] = [];
  for (let r = 4; r <= imgResolution; r *= 2) out.push(r);
  log2Resolution(imgResolution);
  return out;
}

/** Official channel rule: min(channel_base // res, channel_max). */
export function channelsAt(res: number, channelBase: number, channelMax: number): number {
  return Math.min(Math.floor(channelBase / res), channelMax);
}
