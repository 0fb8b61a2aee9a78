import { z } from 'zod';
import { db } from '@/lib/db';

export const auditLogQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  perPage: z.coerce.number().int().min(1).max(200).default(50),
  /** Entries whose action starts with this (e.g. `auth`, `auth.signin.failed`, `visibility`). */
  action: z.string().trim().max(100).optional(),
  /** Entries by the actor with this email (or whose actor's email contains it). */
  actor: z.string().trim().max(254).optional(),
  targetType: z.string().trim().max(50).optional(),
  since: z.coerce.date().optional(),
  until: z.coerce.date().optional(),
});

export type AuditLogQuery = z.infer<typeof auditLogQuery>;

// Names for targets of entries written before targets carried their label (admin actions).
const LABELS: Record<string, (ids: string[]) => Promise<{ id: string; label: string }[]>> = {
  User: async (ids) => (await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } })).map((r) => ({ id: r.id, label: r.email })),
  Team: async (ids) => (await db.team.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((r) => ({ id: r.id, label: r.name })),
  Model: async (ids) => (await db.model.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((r) => ({ id: r.id, label: r.name })),
  Dataset: async (ids) => (await db.dataset.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((r) => ({ id: r.id, label: r.name })),
  Collection: async (ids) => (await db.collection.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((r) => ({ id: r.id, label: r.name })),
  Mix: async (ids) => (await db.mix.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((r) => ({ id: r.id, label: r.name })),
  Video: async (ids) => (await db.video.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((r) => ({ id: r.id, label: r.name })),
  Latent: async (ids) => (await db.latent.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((r) => ({ id: r.id, label: r.name })),
  TrainingRun: async (ids) => (await db.trainingRun.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((r) => ({ id: r.id, label: r.name })),
};
// Moderation writes its targets in capitals.
for (const [upper, type] of [['LATENT', 'Latent'], ['MIX', 'Mix'], ['VIDEO', 'Video'], ['COLLECTION', 'Collection'], ['MODEL', 'Model']] as const) LABELS[upper] = LABELS[type]!;

function whereOf(query: AuditLogQuery) {
  return {
    ...(query.action ? { action: { startsWith: query.action } } : {}),
    ...(query.actor ? { actor: { email: { contains: query.actor.toLowerCase() } } } : {}),
    ...(query.targetType ? { targetType: query.targetType } : {}),
    ...(query.since || query.until ? { createdAt: { ...(query.since ? { gte: query.since } : {}), ...(query.until ? { lte: query.until } : {}) } } : {}),
  };
}

/** Admin actions and security events, newest first, filtered; every target named. */
export async function listAuditLog(query: AuditLogQuery) {
  const where = whereOf(query);
  const [total, rows] = await Promise.all([
    db.auditLog.count({ where }),
    db.auditLog.findMany({
      where,
      select: { id: true, action: true, targetType: true, targetId: true, targetLabel: true, details: true, createdAt: true, actor: { select: { id: true, email: true, name: true } } },
      orderBy: { createdAt: 'desc' },
      skip: (query.page - 1) * query.perPage,
      take: query.perPage,
    }),
  ]);
  const missing = new Map<string, Set<string>>();
  for (const r of rows) if (!r.targetLabel && LABELS[r.targetType]) (missing.get(r.targetType) ?? missing.set(r.targetType, new Set()).get(r.targetType)!).add(r.targetId);
  const found = new Map<string, string>();
  await Promise.all(
    [...missing].map(async ([type, ids]) => {
      for (const { id, label } of await LABELS[type]!([...ids])) found.set(`${type}:${id}`, label);
    }),
  );
  const entries = rows.map((r) => ({ ...r, targetName: r.targetLabel ?? found.get(`${r.targetType}:${r.targetId}`) ?? null }));
  return { total, page: query.page, perPage: query.perPage, entries };
}
