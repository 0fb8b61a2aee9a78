'use server';
// Form actions of the admin console: each checks the role again and calls one service, which
// writes the audit log.
import { revalidatePath } from 'next/cache';
import { requireAdmin } from '@/lib/auth/require-admin';
import { setTeamQuota, setUserQuota } from '@/lib/admin/quotas';
import { decideReview } from '@/lib/admin/reviews';
import { resolveReport, setHidden, moderationTarget } from '@/lib/moderation/moderate';
import { updateUser } from '@/lib/users/admin-users';
import { adminCancelJob, adminRetryJob } from '@/lib/admin/admin-jobs';

function quotaValue(formData: FormData) {
  const raw = String(formData.get('gpuQuotaSeconds') ?? '').trim();
  if (raw === '') return null;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error('Quota must be a whole number of seconds (empty for the default)');
  return n;
}

export async function setUserQuotaAction(formData: FormData) {
  const admin = await requireAdmin();
  await setUserQuota(admin.id, String(formData.get('userId')), { gpuQuotaSeconds: quotaValue(formData) });
  revalidatePath('/admin/quotas');
}

export async function setTeamQuotaAction(formData: FormData) {
  const admin = await requireAdmin();
  await setTeamQuota(admin.id, String(formData.get('teamId')), { gpuQuotaSeconds: quotaValue(formData) });
  revalidatePath('/admin/quotas');
}

export async function decideReviewAction(formData: FormData) {
  const admin = await requireAdmin();
  const kind = formData.get('kind') === 'model' ? 'model' : 'dataset';
  const decision = formData.get('decision') === 'APPROVED' ? 'APPROVED' : 'REJECTED';
  await decideReview(admin.id, kind, String(formData.get('id')), { decision, note: String(formData.get('note') ?? '') });
  revalidatePath('/admin/reviews');
}

export async function resolveReportAction(formData: FormData) {
  const admin = await requireAdmin();
  const action = formData.get('action') === 'hide' ? 'hide' : 'dismiss';
  await resolveReport(admin.id, String(formData.get('reportId')), { action, note: String(formData.get('note') ?? '') });
  revalidatePath('/admin/moderation');
}

export async function setHiddenAction(formData: FormData) {
  const admin = await requireAdmin();
  const type = moderationTarget.parse(String(formData.get('targetType')));
  await setHidden(admin.id, type, String(formData.get('targetId')), { hidden: formData.get('hidden') === 'true', reason: String(formData.get('reason') ?? '') });
  revalidatePath('/admin/moderation');
}

export async function updateUserAction(formData: FormData) {
  const admin = await requireAdmin();
  const userId = String(formData.get('userId'));
  const field = String(formData.get('field'));
  if (field === 'disabled') await updateUser(admin.id, userId, { disabled: formData.get('value') === 'true' });
  else if (field === 'role') await updateUser(admin.id, userId, { role: formData.get('value') === 'ADMIN' ? 'ADMIN' : 'USER' });
  revalidatePath('/admin/users');
}

export async function retryJobAction(formData: FormData) {
  const admin = await requireAdmin();
  await adminRetryJob(admin.id, String(formData.get('jobId')));
  revalidatePath('/admin/jobs');
}

export async function cancelJobAction(formData: FormData) {
  const admin = await requireAdmin();
  await adminCancelJob(admin.id, String(formData.get('jobId')));
  revalidatePath('/admin/jobs');
}
