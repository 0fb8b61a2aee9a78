// Imports a model from the official export layout (config.json + G_ema/G/D safetensors):
// validates every tensor's shape against the config, stores the files as assets, records
// the model and its first checkpoint, and asks a worker for the sample grid.
import { recordAudit } from '@/lib/audit/record-audit';
import { z } from 'zod';
import type { NextRequest } from 'next/server';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { ApiError, badRequest } from '@/lib/api/errors';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { sampleGridJob } from '@/lib/synthesis/jobs/synthesize';
import { startAutomaticDiscovery } from '@/lib/directions/start-discovery';
import { resolveWorkspace } from '@/lib/projects/workspace';
import { resolveLicense } from '@/lib/models/licenses';
import { licenceNeedsReview } from '@/lib/licensing/review';
import { recordProvenance } from '@/lib/provenance/record-provenance';
import { getModel } from '@/lib/models/models';
import { ExportError, ExportTooLarge, filesFromZip, modelZipLimits, type ModelFiles } from '@/lib/models/validate-export';
import { readMultipart } from '@/lib/api/read-multipart';
import { fieldProblems } from '@/lib/forms/human-errors';
import { storeModelFiles, validateModelFiles } from '@/lib/models/store-model-files';

export const importFields = z.object({
  name: z.string().trim().min(1, 'Model name is required').max(100),
  description: z.string().trim().max(2000).default(''),
  license: z.string({ message: 'Choose a licence (e.g. CC-BY-4.0)' }).trim().min(1, 'Choose a licence (e.g. CC-BY-4.0)'),
  visibility: z.enum(['PRIVATE', 'UNLISTED', 'PUBLIC']).default('PRIVATE'),
  workspace: z.string().optional(),
});

export type ImportMeta = z.infer<typeof importFields>;

/** Stores validated files and records the model; `owner` may be a team. Returns ids. */
export async function createModelFromFiles(files: ModelFiles, meta: { name: string; description: string; licenseId: string; visibility: 'PRIVATE' | 'UNLISTED' | 'PUBLIC' }, owner: { userId: string; teamId: string | null }) {
  const rawConfig = validateModelFiles(files);
  const assetOwner = { userId: owner.userId, teamId: owner.teamId };
  const { gEma, checkpoint: weights } = await storeModelFiles(files, assetOwner);
  const review = await importReview(owner.userId, meta.licenseId, meta.visibility);
  const model = await db.model.create({
    data: {
      reviewStatus: review.status,
      name: meta.name,
      description: meta.description,
      ownerId: owner.userId,
      teamId: owner.teamId,
      visibility: meta.visibility,
      licenseId: meta.licenseId,
      config: rawConfig as object,
      checkpoints: {
        create: {
          label: files.G_ema ? 'G_ema (import)' : 'G (import)',
          ...weights,
        },
      },
    },
    select: { id: true, checkpoints: { select: { id: true } } },
  });
  await Promise.all([
    recordProvenance({ artifactType: 'MODEL', artifactId: model.id, asset: gEma, modelId: model.id, checkpointId: model.checkpoints[0].id, inputs: { import: { files: Object.keys(files).filter((k) => files[k as keyof ModelFiles]) } }, ...assetOwner }),
    review.status === 'APPROVED' &&
      db.auditLog.create({ data: { actorId: owner.userId, action: 'review.model.approved', targetType: 'Model', targetId: model.id, details: { from: 'PENDING', to: 'APPROVED', note: 'Imported by an administrator' } } }),
  ]);
  const job = await enqueueJob(sampleGridJob, { modelId: model.id, checkpointId: model.checkpoints[0].id }, assetOwner);
  await startAutomaticDiscovery(model.id, model.checkpoints[0].id, assetOwner);
  await recordAudit({ actorId: owner.userId, action: 'model.import', target: { type: 'Model', id: model.id, label: meta.name }, details: { teamId: owner.teamId, visibility: meta.visibility, files: Object.keys(files).filter((k) => files[k as keyof ModelFiles]) } });
  return { modelId: model.id, checkpointId: model.checkpoints[0].id, job };
}

/**
 * Licence review of an import: custom or non-commercial terms wait for an administrator
 * (PENDING) and may not be shared until approved; an administrator's own import counts as
 * reviewed (APPROVED, written to the audit log), so the seed can publish the bundled models.
 */
export async function importReview(userId: string, licenseId: string, visibility: 'PRIVATE' | 'UNLISTED' | 'PUBLIC') {
  const [user, licence] = await Promise.all([
    db.user.findUnique({ where: { id: userId }, select: { role: true } }),
    db.license.findUnique({ where: { id: licenseId }, select: { customText: true, commercialUse: true, spdxId: true } }),
  ]);
  if (!licenceNeedsReview(licence)) return { status: 'NOT_REQUIRED' as const };
  if (user?.role === 'ADMIN') return { status: 'APPROVED' as const };
  if (visibility !== 'PRIVATE') {
    throw new ApiError(
      'forbidden',
      `Models under custom or non-commercial terms are shared only after an administrator's licence review: import it as private, then make it ${visibility.toLowerCase()} once it is approved`,
    );
  }
  return { status: 'PENDING' as const };
}

function tooLarge(limitMb: number) {
  return new ApiError('payload_too_large', `The upload is larger than the ${limitMb} MB limit (MODEL_UPLOAD_MAX_MB)`);
}

/** POST /models/import: a multipart form with `file` (the zip) and the fields above, read as it arrives. */
export async function importModelUpload(userId: string, req: NextRequest) {
  const e = env();
  const limitMb = e.MODEL_UPLOAD_MAX_MB;
  const form = await readMultipart(req, { maxBytes: limitMb * 1024 * 1024, fileField: 'file', tooLargeMessage: tooLarge(limitMb).message });
  // A form sent with no file chosen still carries an empty one.
  const file = form.file && form.file.bytes.length > 0 ? form.file : null;
  const fields = importFields.safeParse(form.fields);
  // Every problem with the form at once, each in words for its field (lib/forms/human-errors).
  const problems = [
    ...(file ? [] : [{ path: 'file', field: 'Zip file', message: 'Attach the model zip (config.json with G_ema/G/D .safetensors)' }]),
    ...(fields.success ? [] : fieldProblems(fields.error.issues)),
  ];
  if (problems.length || !file || !fields.success) throw badRequest(problems[0]?.message ?? 'Invalid input', problems);
  const ws = await resolveWorkspace(userId, fields.data.workspace);
  const license = await resolveLicense(fields.data.license).catch((err) => {
    throw err instanceof ApiError ? badRequest(err.message, [{ path: 'license', field: 'Licence', message: err.message }]) : err;
  });
  await importReview(userId, license.id, fields.data.visibility); // 403 before the zip is read
  let files: ModelFiles;
  try {
    files = filesFromZip(new Uint8Array(file.bytes.buffer, file.bytes.byteOffset, file.bytes.length), modelZipLimits(e));
  } catch (err) {
    if (err instanceof ExportTooLarge) throw new ApiError('payload_too_large', err.message);
    if (err instanceof ExportError) throw badRequest(err.message);
    throw err;
  }
  const created = await createModelFromFiles(
    files,
    { name: fields.data.name, description: fields.data.description, licenseId: license.id, visibility: fields.data.visibility },
    { userId, teamId: ws.kind === 'team' ? ws.teamId : null },
  );
  return { model: await getModel(userId, created.modelId), job: created.job };
}
