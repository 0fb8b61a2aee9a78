import { withAuth } from '@/lib/api/with-auth';
import { getMix, updateMix, updateMixInput } from '@/lib/mixes/mixes';

export const GET = withAuth({ access: 'public' }, async ({ user, params }) => ({ mix: await getMix(user?.id ?? null, params.mixId) }));

export const PATCH = withAuth({ body: updateMixInput }, async ({ user, params, body }) => ({ mix: await updateMix(user.id, params.mixId, body) }));
