import { withAuth } from '@/lib/api/with-auth';
import { myQuotas } from '@/lib/usage/gpu-quota';

/** Your GPU-seconds this month against your quota, and each of your teams'. */
export const GET = withAuth({}, async ({ user }) => myQuotas(user.id));
