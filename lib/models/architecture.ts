// The shape of every official tensor of a StyleGAN2-ADA export, derived from its config
// without TensorFlow.js, so the web process can validate an upload and describe a model
// while all tensor work stays on workers. It mirrors the core's name map
// (lib/stylegan: generatorSpecs / discriminatorSpecs); architecture.test.ts proves they agree.
import {
  blockResolutions,
  channelsAt,
  numWsFor,
  resolveConfig,
  type GeneratorKwargs,
  type PartialStyleGAN2Config,
  type ResolvedDiscriminatorKwargs,
  type StyleGAN2Config,
} from '@/lib/stylegan/config';

export type TensorKind = 'param' | 'buffer' | 'filter';
/** 'scalar' tensors may be stored as [] or [1]; everything else must match exactly. */
export type ExpectedTensor = { name: string; shape: number[]; kind: TensorKind; scalar?: boolean };

const fc = (name: string, inF: number, outF: number, bias = true): ExpectedTensor[] => [
  { name: `${name}.weight`, shape: [outF, inF], kind: 'param' },
  ...(bias ? [{ name: `${name}.bias`, shape: [outF], kind: 'param' as const }] : []),
];
const conv = (name: string, inC: number, outC: number, k: number, bias = true): ExpectedTensor[] => [
  { name: `${name}.weight`, shape: [outC, inC, k, k], kind: 'param' },
  ...(bias ? [{ name: `${name}.bias`, shape: [outC], kind: 'param' as const }] : []),
];
const filter = (name: string, taps: number): ExpectedTensor => ({ name, shape: [taps, taps], kind: 'filter' });

function mappingTensors(
  prefix: string,
  m: { zDim: number; cDim: number; wDim: number; numLayers: number; embedFeatures: number | null; layerFeatures: number | null; wAvg: boolean },
): ExpectedTensor[] {
  const out: ExpectedTensor[] = [];
  const embed = m.cDim === 0 ? 0 : (m.embedFeatures ?? m.wDim);
  if (m.cDim > 0) out.push(...fc(`${prefix}embed`, m.cDim, embed));
  const layer = m.layerFeatures ?? m.wDim;
  const features = [m.zDim + embed, ...Array<number>(m.numLayers - 1).fill(layer), m.wDim];
  for (let i = 0; i < m.numLayers; i++) out.push(...fc(`${prefix}fc${i}`, features[i], features[i + 1]));
  if (m.wAvg) out.push({ name: `${prefix}w_avg`, shape: [m.wDim], kind: 'buffer' });
  return out;
}

/** Every tensor of the generator's official state_dict. */
export function generatorTensors(g: GeneratorKwargs): ExpectedTensor[] {
  const s = g.synthesis_kwargs;
  const taps = s.resample_filter.length;
  const out: ExpectedTensor[] = [];
  for (const res of blockResolutions(g.img_resolution)) {
    const prefix = `synthesis.b${res}`;
    const outC = channelsAt(res, s.channel_base, s.channel_max);
    if (res === 4) out.push({ name: `${prefix}.const`, shape: [outC, 4, 4], kind: 'param' });
    out.push(filter(`${prefix}.resample_filter`, taps));
    const convs = res > 4 ? [{ name: `${prefix}.conv0`, inC: channelsAt(res / 2, s.channel_base, s.channel_max) }] : [];
    convs.push({ name: `${prefix}.conv1`, inC: outC });
    for (const c of convs) {
      out.push(...fc(`${c.name}.affine`, g.w_dim, c.inC));
      out.push(...conv(c.name, c.inC, outC, s.kernel_size));
      if (s.use_noise) {
        out.push({ name: `${c.name}.noise_strength`, shape: [], kind: 'param', scalar: true });
        out.push({ name: `${c.name}.noise_const`, shape: [res, res], kind: 'buffer' });
      }
      out.push(filter(`${c.name}.resample_filter`, taps));
    }
    out.push(...fc(`${prefix}.torgb.affine`, g.w_dim, outC));
    out.push(...conv(`${prefix}.torgb`, outC, g.img_channels, 1));
  }
  const m = g.mapping_kwargs;
  out.push(
    ...mappingTensors('mapping.', {
      zDim: g.z_dim,
      cDim: g.c_dim,
      wDim: g.w_dim,
      numLayers: m.num_layers,
      embedFeatures: m.embed_features,
      layerFeatures: m.layer_features,
      wAvg: m.w_avg_beta !== null,
    }),
  );
  return out;
}

/** Every tensor of the discriminator's official state_dict. */
export function discriminatorTensors(d: ResolvedDiscriminatorKwargs): ExpectedTensor[] {
  const ch = (res: number) => channelsAt(res, d.channel_base, d.channel_max);
  const taps = d.block_kwargs.resample_filter.length;
  const out: ExpectedTensor[] = [];
  for (let res = d.img_resolution; res > 4; res /= 2) {
    const p = `b${res}`;
    const tmp = ch(res);
    out.push(filter(`${p}.resample_filter`, taps));
    if (res === d.img_resolution) {
      out.push(...conv(`${p}.fromrgb`, d.img_channels, tmp, 1));
      out.push(filter(`${p}.fromrgb.resample_filter`, taps));
    }
    out.push(...conv(`${p}.conv0`, tmp, tmp, 3), filter(`${p}.conv0.resample_filter`, taps));
    out.push(...conv(`${p}.conv1`, tmp, ch(res / 2), 3), filter(`${p}.conv1.resample_filter`, taps));
    out.push(...conv(`${p}.skip`, tmp, ch(res / 2), 1, false), filter(`${p}.skip.resample_filter`, taps));
  }
  const c4 = ch(4);
  const cmapDim = d.c_dim === 0 ? 0 : (d.cmap_dim ?? c4);
  if (d.c_dim > 0) {
    const m = d.mapping_kwargs;
    out.push(
      ...mappingTensors('mapping.', {
        zDim: 0,
        cDim: d.c_dim,
        wDim: cmapDim,
        numLayers: m.num_layers,
        embedFeatures: m.embed_features,
        layerFeatures: m.layer_features,
        wAvg: false,
      }),
    );
  }
  out.push(...conv('b4.conv', c4 + d.epilogue_kwargs.mbstd_num_channels, c4, 3), filter('b4.conv.resample_filter', taps));
  out.push({ name: 'b4.fc.weight', shape: [c4, c4 * 16], kind: 'param' }, { name: 'b4.fc.bias', shape: [c4], kind: 'param' });
  out.push(...fc('b4.out', c4, cmapDim === 0 ? 1 : cmapDim));
  return out;
}

const numel = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

export type ArchitectureSummary = {
  resolution: number;
  imgChannels: number;
  zDim: number;
  wDim: number;
  cDim: number;
  mappingLayers: number;
  numWs: number;
  channels: { resolution: number; channels: number }[];
  generatorParams: number;
  discriminatorParams: number;
  useNoise: boolean;
};

/** Parses a stored or uploaded config.json (throws a readable Error when it is not a usable config). */
export function parseModelConfig(raw: unknown): StyleGAN2Config {
  if (!raw || typeof raw !== 'object' || !('generator_kwargs' in raw) || typeof (raw as { generator_kwargs: unknown }).generator_kwargs !== 'object') {
    throw new Error('config.json must be an object with generator_kwargs (as written by tools/export_stylegan2_ada.py)');
  }
  return resolveConfig(raw as PartialStyleGAN2Config);
}

export function architectureSummary(config: StyleGAN2Config): ArchitectureSummary {
  const g = config.generator_kwargs;
  const s = g.synthesis_kwargs;
  const params = (ts: ExpectedTensor[]) => ts.filter((t) => t.kind === 'param').reduce((n, t) => n + numel(t.shape), 0);
  return {
    resolution: g.img_resolution,
    imgChannels: g.img_channels,
    zDim: g.z_dim,
    wDim: g.w_dim,
    cDim: g.c_dim,
    mappingLayers: g.mapping_kwargs.num_layers,
    numWs: numWsFor(g),
    channels: blockResolutions(g.img_resolution).map((r) => ({ resolution: r, channels: channelsAt(r, s.channel_base, s.channel_max) })),
    generatorParams: params(generatorTensors(g)),
    discriminatorParams: params(discriminatorTensors(config.discriminator_kwargs)),
    useNoise: s.use_noise,
  };
}
