// Validates an official-export model folder (config.json + G/G_ema/D safetensors), read
// from a zip upload, before anything is stored: every failure names the file and tensor.
import { unzipSync } from 'fflate';
import type { StyleGAN2Config } from '@/lib/stylegan/config';
import { discriminatorTensors, generatorTensors, parseModelConfig, type ExpectedTensor } from '@/lib/models/architecture';
import { readSafetensorsHeader } from '@/lib/models/safetensors-header';

export class ExportError extends Error {}
/** The zip would unpack past a limit (a zip bomb, or simply too big): 413. */
export class ExportTooLarge extends ExportError {}

export type ModelFiles = { config: Uint8Array; G?: Uint8Array; G_ema?: Uint8Array; D?: Uint8Array };
export type ValidatedExport = { config: StyleGAN2Config; rawConfig: Record<string, unknown>; files: ModelFiles };

const WANTED = ['config.json', 'G.safetensors', 'G_ema.safetensors', 'D.safetensors'] as const;

/** Unzips the upload, accepting the files at the root or inside one top-level folder. */
/** Bounds on a model zip, checked on its central directory before anything is inflated. */
export type ModelZipLimits = { maxEntries: number; maxFileBytes: number; maxExpandedBytes: number };

export function modelZipLimits(e: { MODEL_UPLOAD_MAX_ENTRIES: number; MODEL_UPLOAD_MAX_EXPANDED_MB: number }): ModelZipLimits {
  const expanded = e.MODEL_UPLOAD_MAX_EXPANDED_MB * 1024 * 1024;
  return { maxEntries: e.MODEL_UPLOAD_MAX_ENTRIES, maxFileBytes: expanded, maxExpandedBytes: expanded };
}

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/**
 * The model's files from the zip. fflate inflates each wanted entry into a buffer of its
 * declared size (a lying entry is cut there, then fails validation), so checking declared
 * sizes in the filter, before each entry is inflated, bounds the memory the zip can take.
 */
export function filesFromZip(zip: Uint8Array, limits: ModelZipLimits = { maxEntries: 64, maxFileBytes: 2 ** 31, maxExpandedBytes: 2 ** 31 }): ModelFiles {
  let entries: Record<string, Uint8Array>;
  let count = 0;
  let expanded = 0;
  try {
    entries = unzipSync(zip, {
      filter: (f) => {
        if (++count > limits.maxEntries) throw new ExportTooLarge(`The zip holds more than ${limits.maxEntries} entries; a model export holds config.json and up to three .safetensors files`);
        const wanted = !f.name.endsWith('/') && !f.name.startsWith('__MACOSX/') && WANTED.some((w) => f.name === w || f.name.endsWith(`/${w}`));
        if (!wanted) return false;
        if (f.originalSize > limits.maxFileBytes) throw new ExportTooLarge(`${f.name} unpacks to ${mb(f.originalSize)}, over the limit of ${mb(limits.maxFileBytes)} per file`);
        expanded += f.originalSize;
        if (expanded > limits.maxExpandedBytes) throw new ExportTooLarge(`The zip unpacks to more than ${mb(limits.maxExpandedBytes)} (MODEL_UPLOAD_MAX_EXPANDED_MB); nothing was imported`);
        return true;
      },
    });
  } catch (err) {
    if (err instanceof ExportError) throw err;
    throw new ExportError(`The upload is not a readable zip file (${(err as Error).message})`);
  }
  const byBase = new Map<string, { path: string; data: Uint8Array }[]>();
  for (const [path, data] of Object.entries(entries)) {
    const depth = path.split('/').length - 1;
    if (depth > 1) continue; // only the root or one folder down
    const base = path.split('/').pop()!;
    byBase.set(base, [...(byBase.get(base) ?? []), { path, data }]);
  }
  for (const [base, found] of byBase) {
    if (found.length > 1) throw new ExportError(`The zip holds ${base} more than once (${found.map((f) => f.path).join(', ')}): upload one model folder`);
  }
  const get = (name: string) => byBase.get(name)?.[0]?.data;
  const config = get('config.json');
  if (!config) throw new ExportError('Missing file config.json (the zip must hold config.json and G_ema.safetensors or G.safetensors)');
  return { config, G: get('G.safetensors'), G_ema: get('G_ema.safetensors'), D: get('D.safetensors') };
}

function checkTensors(file: string, bytes: Uint8Array, expected: ExpectedTensor[]) {
  let header;
  try {
    header = readSafetensorsHeader(bytes, file);
  } catch (err) {
    throw new ExportError((err as Error).message);
  }
  const known = new Set(expected.map((t) => t.name));
  for (const t of expected) {
    const got = header.get(t.name);
    if (!got) {
      if (t.kind === 'filter') continue; // derived from the config when absent
      throw new ExportError(`${file}: missing tensor ${t.name} (expected shape [${t.shape.join(', ')}])`);
    }
    const ok = t.scalar
      ? got.shape.reduce((a, b) => a * b, 1) === 1
      : got.shape.length === t.shape.length && got.shape.every((d, i) => d === t.shape[i]);
    if (!ok) {
      throw new ExportError(`${file}: wrong shape of ${t.name}: expected [${t.shape.join(', ')}] from config.json, got [${got.shape.join(', ')}]`);
    }
  }
  const unexpected = [...header.keys()].filter((k) => !known.has(k));
  if (unexpected.length) {
    throw new ExportError(`${file}: unexpected tensor${unexpected.length > 1 ? 's' : ''} ${unexpected.slice(0, 5).join(', ')}${unexpected.length > 5 ? ', …' : ''} (does config.json match these weights?)`);
  }
}

/** Checks config.json and every tensor's shape against it. Throws ExportError. */
export function validateExport(files: ModelFiles): ValidatedExport {
  let rawConfig: Record<string, unknown>;
  try {
    rawConfig = JSON.parse(new TextDecoder().decode(files.config));
  } catch (err) {
    throw new ExportError(`config.json is not valid JSON (${(err as Error).message})`);
  }
  let config: StyleGAN2Config;
  try {
    config = parseModelConfig(rawConfig);
  } catch (err) {
    throw new ExportError(`config.json: ${(err as Error).message}`);
  }
  if (config.generator_kwargs.c_dim > 0) throw new ExportError('config.json: conditional models (c_dim > 0) are not supported by the explorer yet');
  if (!files.G_ema && !files.G) throw new ExportError('Missing file G_ema.safetensors (or G.safetensors): the generator weights are required');
  const g = generatorTensors(config.generator_kwargs);
  if (files.G_ema) checkTensors('G_ema.safetensors', files.G_ema, g);
  if (files.G) checkTensors('G.safetensors', files.G, g);
  if (files.D) checkTensors('D.safetensors', files.D, discriminatorTensors(config.discriminator_kwargs));
  return { config, rawConfig, files };
}
