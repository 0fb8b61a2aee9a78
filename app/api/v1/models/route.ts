import { withAuth } from '@/lib/api/with-auth';
import { listModels } from '@/lib/models/models';

/** Models you may use: your own, your teams', and public ones. */
export const GET = withAuth({}, async ({ user }) => ({ models: await listModels(user.id) }));
