import { withAuth } from '@/lib/api/with-auth';
import { setQuotaInput, setTeamQuota } from '@/lib/admin/quotas';

/** `{gpuQuotaSeconds: number | null}`; null returns the team to the default quota. */
export const PUT = withAuth({ access: 'admin', body: setQuotaInput }, async ({ user, params, body }) => ({
  team: await setTeamQuota(user.id, params.teamId, body),
}));
