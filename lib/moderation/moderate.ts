// Admin moderation: the open reports, hiding or restoring an item (which resolves its open
// reports), dismissing a report. Every action is written to the audit log.
import { z } from 'zod';
import { db } from '@/lib/db';
import { badRequest, notFound } from '@/lib/api/errors';
import { findTarget, moderationTarget, setTargetHidden, type ModerationTarget } from '@/lib/moderation/targets';

export const reportsQuery = z.object({ resolved: z.enum(['true', 'false']).default('false').transform((v) => v === 'true') });
export const setHiddenInput = z.object({ hidden: z.boolean(), reason: z.string().trim().max(2000).default('') });
export const resolveReportInput = z.object({ action: z.enum(['hide', 'dismiss']), note: z.string().trim().max(2000).default('') });
export { moderationTarget };

export async function listReports({ resolved }: z.infer<typeof reportsQuery>) {
  const reports = await db.moderationReport.findMany({
    where: { resolved },
    select: {
      id: true, targetType: true, targetId: true, reason: true, resolved: true, resolution: true, createdAt: true, resolvedAt: true,
      reporter: { select: { id: true, email: true } },
      resolvedBy: { select: { id: true, email: true } },
    },
    orderBy: { createdAt: 'desc' },
    take: 200,
  });
  const targets = await Promise.all(
    reports.map((r) => (moderationTarget.safeParse(r.targetType).success ? findTarget(r.targetType as ModerationTarget, r.targetId) : null)),
  );
  return reports.map((r, i) => ({ ...r, target: targets[i] ? { name: targets[i]!.name, hidden: targets[i]!.hidden, visibility: targets[i]!.visibility } : null }));
}

/** Hide or restore an item; hiding resolves its open reports. */
export async function setHidden(actorId: string, type: ModerationTarget, id: string, input: z.infer<typeof setHiddenInput>) {
  const target = await findTarget(type, id);
  if (!target) throw notFound('Item');
  return db.$transaction(async (tx) => {
    const row = await setTargetHidden(type, id, input.hidden, tx);
    let resolvedReports = 0;
    if (input.hidden) {
      const res = await tx.moderationReport.updateMany({
        where: { targetType: type, targetId: id, resolved: false },
        data: { resolved: true, resolution: `hidden${input.reason ? `: ${input.reason}` : ''}`, resolvedById: actorId, resolvedAt: new Date() },
      });
      resolvedReports = res.count;
    }
    await tx.auditLog.create({
      data: { actorId, action: input.hidden ? 'moderation.hide' : 'moderation.restore', targetType: type, targetId: id, details: { reason: input.reason, resolvedReports } },
    });
    return { item: { type, id: row.id, name: row.name, hidden: row.hidden }, resolvedReports };
  });
}

export async function resolveReport(actorId: string, reportId: string, input: z.infer<typeof resolveReportInput>) {
  const report = await db.moderationReport.findUnique({ where: { id: reportId }, select: { id: true, targetType: true, targetId: true, resolved: true } });
  if (!report) throw notFound('Report');
  if (report.resolved) throw badRequest('This report is already resolved');
  const type = moderationTarget.parse(report.targetType);
  if (input.action === 'hide') {
    await setHidden(actorId, type, report.targetId, { hidden: true, reason: input.note });
  } else {
    await db.$transaction([
      db.moderationReport.update({ where: { id: reportId }, data: { resolved: true, resolution: `dismissed${input.note ? `: ${input.note}` : ''}`, resolvedById: actorId, resolvedAt: new Date() } }),
      db.auditLog.create({ data: { actorId, action: 'moderation.dismiss', targetType: 'ModerationReport', targetId: reportId, details: { item: `${type}:${report.targetId}`, note: input.note } } }),
    ]);
  }
  return db.moderationReport.findUniqueOrThrow({ where: { id: reportId }, select: { id: true, resolved: true, resolution: true, resolvedAt: true } });
}
