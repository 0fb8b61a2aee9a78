import { withAuth } from '@/lib/api/with-auth';
import { setQuotaInput, setUserQuota } from '@/lib/admin/quotas';

/** `{gpuQuotaSeconds: number | null}`; null returns the user to the default quota. */
export const PUT = withAuth({ access: 'admin', body: setQuotaInput }, async ({ user, params, body }) => ({
  user: await setUserQuota(user.id, params.userId, body),
}));
