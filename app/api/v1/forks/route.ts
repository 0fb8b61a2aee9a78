import { withAuth } from '@/lib/api/with-auth';
import { fork, forkInput } from '@/lib/forks/fork';

export const POST = withAuth({ body: forkInput }, async ({ user, body }) => Response.json(await fork(user.id, body), { status: 201 }));
