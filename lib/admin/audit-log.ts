import { z } from 'zod';
import { db } from '@/lib/db';

export const auditLogQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  perPage: z.coerce.number().int().min(1).max(200).default(50),
  action: z.string().trim().max(100).optional(),
});

/** Every admin action, newest first (optionally those whose action starts with `action`). */
export async function listAuditLog(query: z.infer<typeof auditLogQuery>) {
  const where = query.action ? { action: { startsWith: query.action } } : {};
  const [total, entries] = await Promise.all([
    db.auditLog.count({ where }),
    db.auditLog.findMany({
      where,
      select: { id: true, action: true, targetType: true, targetId: true, details: true, createdAt: true, actor: { select: { id: true, email: true, name: true } } },
      orderBy: { createdAt: 'desc' },
      skip: (query.page - 1) * query.perPage,
      take: query.perPage,
    }),
  ]);
  return { total, page: query.page, perPage: query.perPage, entries };
}
