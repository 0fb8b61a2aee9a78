import { withAuth } from '@/lib/api/with-auth';
import { revokeToken } from '@/lib/tokens/tokens';

export const DELETE = withAuth({}, async ({ user, params }) => {
  await revokeToken(user.id, params.tokenId);
  return new Response(null, { status: 204 });
});
