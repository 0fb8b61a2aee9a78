// The audit log's one writer for security events: sign-ins, tokens, visibility changes,
// training, model imports. (Admin actions write theirs inside their own transactions.)
// An audit write never fails the action it records: it is logged and dropped instead.
import type { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/db';

export type AuditEvent = {
  actorId: string | null;
  action: string;
  target: { type: string; id: string; label?: string | null };
  details?: Record<string, unknown>;
};

export async function recordAudit(event: AuditEvent) {
  try {
    await db.auditLog.create({
      data: {
        actorId: event.actorId,
        action: event.action,
        targetType: event.target.type,
        targetId: event.target.id,
        targetLabel: event.target.label?.slice(0, 200) ?? null,
        details: (event.details ?? {}) as Prisma.InputJsonValue,
      },
    });
  } catch (err) {
    console.error('[audit] could not record', event.action, err);
  }
}

/** A change of who may see something (recorded only when the visibility really changes). */
export async function recordVisibilityChange(actorId: string, type: string, before: { id: string; name: string; visibility: string }, to: string | undefined) {
  if (!to || to === before.visibility) return;
  await recordAudit({ actorId, action: 'visibility.change', target: { type, id: before.id, label: before.name }, details: { from: before.visibility, to } });
}
