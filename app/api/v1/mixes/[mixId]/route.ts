import { withAuth } from '@/lib/api/with-auth';
import { getMix } from '@/lib/mixes/mixes';

export const GET = withAuth({ access: 'public' }, async ({ user, params }) => ({ mix: await getMix(user?.id ?? null, params.mixId) }));
