import { z } from 'zod';
import { db } from '@/lib/db';
import { badRequest, notFound } from '@/lib/api/errors';

export const listUsersQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  perPage: z.coerce.number().int().min(1).max(100).default(50),
  q: z.string().trim().max(100).optional(),
});

export const updateUserInput = z
  .object({ disabled: z.boolean().optional(), role: z.enum(['USER', 'ADMIN']).optional() })
  .refine((v) => v.disabled !== undefined || v.role !== undefined, 'Nothing to update: send disabled and/or role');

export async function listUsers(query: z.infer<typeof listUsersQuery>) {
  const where = query.q ? { OR: [{ email: { contains: query.q, mode: 'insensitive' as const } }, { name: { contains: query.q, mode: 'insensitive' as const } }] } : {};
  const [total, users] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      select: { id: true, email: true, name: true, role: true, disabled: true, createdAt: true },
      orderBy: { createdAt: 'desc' },
      skip: (query.page - 1) * query.perPage,
      take: query.perPage,
    }),
  ]);
  return { total, page: query.page, perPage: query.perPage, users };
}

/** Disable, enable, promote or demote an account; every change is written to the audit log. */
export async function updateUser(actorId: string, userId: string, input: z.infer<typeof updateUserInput>) {
  if (actorId === userId && (input.disabled || input.role === 'USER')) throw badRequest('You cannot disable or demote yourself');
  const existing = await db.user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!existing) throw notFound('User');
  return db.$transaction(async (tx) => {
    const user = await tx.user.update({
      where: { id: userId },
      data: input,
      select: { id: true, email: true, name: true, role: true, disabled: true },
    });
    await tx.auditLog.create({ data: { actorId, action: 'user.update', targetType: 'User', targetId: userId, details: input } });
    return user;
  });
}
