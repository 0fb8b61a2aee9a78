// The licence of a dataset's images, declared by its uploader before it can be trained on:
// an SPDX id or custom text, commercial use, attribution, and the statement that they hold
// the rights. Custom or non-commercial terms put the dataset in the admin review queue.
import { z } from 'zod';
import { db } from '@/lib/db';
import { badRequest } from '@/lib/api/errors';
import { findAccessibleDataset } from '@/lib/datasets/datasets';

export const declareLicenceInput = z
  .object({
    spdxId: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9.+-]*$/, 'SPDX id must be a licence identifier such as CC-BY-4.0')
      .max(100)
      .optional(),
    customText: z.string().trim().min(20, 'Custom terms must state the terms in 20 characters or more').max(20_000).optional(),
    name: z.string().trim().max(200).optional(),
    commercialUse: z.boolean(),
    attribution: z.string().trim().max(2000).default(''),
    rightsStatement: z.literal(true, { message: 'Confirm that you hold the rights to use these images for training' }),
  })
  .refine((v) => !!v.spdxId !== !!v.customText, { message: 'Choose a licence or write custom terms (one of the two)', path: ['spdxId'] });

/** Terms of the licences we know: a declaration may not claim more than they allow. */
const KNOWN: Record<string, { name: string; commercialUse: boolean; shareAlike: boolean; attribution: boolean }> = {
  'CC0-1.0': { name: 'CC0 1.0 Universal (public domain)', commercialUse: true, shareAlike: false, attribution: false },
  'CC-BY-4.0': { name: 'Creative Commons Attribution 4.0', commercialUse: true, shareAlike: false, attribution: true },
  'CC-BY-SA-4.0': { name: 'Creative Commons Attribution-ShareAlike 4.0', commercialUse: true, shareAlike: true, attribution: true },
  'CC-BY-NC-4.0': { name: 'Creative Commons Attribution-NonCommercial 4.0', commercialUse: false, shareAlike: false, attribution: true },
  'CC-BY-NC-SA-4.0': { name: 'Creative Commons Attribution-NonCommercial-ShareAlike 4.0', commercialUse: false, shareAlike: true, attribution: true },
  'MIT': { name: 'MIT License', commercialUse: true, shareAlike: false, attribution: true },
  'Apache-2.0': { name: 'Apache License 2.0', commercialUse: true, shareAlike: false, attribution: true },
};

export const KNOWN_LICENCES = Object.entries(KNOWN).map(([spdxId, l]) => ({ spdxId, ...l }));

export async function declareLicence(userId: string, datasetId: string, input: z.infer<typeof declareLicenceInput>) {
  const dataset = await findAccessibleDataset(userId, datasetId);
  const known = input.spdxId ? KNOWN[input.spdxId] : undefined;
  if (known && input.commercialUse && !known.commercialUse) throw badRequest(`${input.spdxId} does not allow commercial use: set commercialUse to false`);
  if (known?.attribution && !input.attribution) throw badRequest(`${input.spdxId} requires attribution: say whom to credit (attribution)`);
  const custom = !!input.customText || (!!input.spdxId && !known);
  const reviewStatus = custom || !input.commercialUse ? 'PENDING' : 'NOT_REQUIRED';
  const licence = await db.license.create({
    data: {
      spdxId: input.spdxId ?? null,
      name: input.name || known?.name || input.spdxId || 'Custom licence',
      customText: input.customText ?? null,
      commercialUse: input.commercialUse,
      shareAlike: known?.shareAlike ?? false,
      attribution: input.attribution || null,
    },
    select: { id: true },
  });
  await db.$transaction([
    db.dataset.update({ where: { id: dataset.id }, data: { licenseId: licence.id, rightsDeclared: true, reviewStatus } }),
    db.auditLog.create({
      data: { actorId: userId, action: 'dataset.licence.declare', targetType: 'Dataset', targetId: dataset.id, details: { ...input, reviewStatus } },
    }),
  ]);
  return findAccessibleDataset(userId, datasetId);
}
