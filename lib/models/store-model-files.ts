// The two steps every import of weights takes (a new model or a new checkpoint of one):
// check each tensor's shape against config.json (a bad export is a 400), then store the
// files as assets.
import { badRequest } from '@/lib/api/errors';
import { storeAsset } from '@/lib/assets/store-asset';
import { sha256Hex } from '@/lib/storage/storage';
import { ExportError, validateExport, type ModelFiles } from '@/lib/models/validate-export';

/** The export's config.json as given; throws a 400 naming the first tensor that does not fit. */
export function validateModelFiles(files: ModelFiles) {
  try {
    return validateExport(files).rawConfig;
  } catch (err) {
    if (err instanceof ExportError) throw badRequest(err.message);
    throw err;
  }
}

/** Stores validated files; returns the G_ema asset and the checkpoint row's asset columns and weights hash. */
export async function storeModelFiles(files: ModelFiles, owner: { userId: string; teamId: string | null }) {
  const gEmaBytes = files.G_ema ?? files.G!;
  const gEma = await storeAsset(gEmaBytes, 'application/octet-stream', owner);
  const g = files.G_ema && files.G ? await storeAsset(files.G, 'application/octet-stream', owner) : files.G ? gEma : null;
  const d = files.D ? await storeAsset(files.D, 'application/octet-stream', owner) : null;
  const checkpoint = { gEmaAssetId: gEma.id, gAssetId: g?.id ?? null, dAssetId: d?.id ?? null, sha256: sha256Hex(gEmaBytes) };
  return { gEma, checkpoint };
}
