import { withAuth } from '@/lib/api/with-auth';
import { getVideo } from '@/lib/videos/videos';

export const GET = withAuth({ access: 'public' }, async ({ user, params }) => ({ video: await getVideo(user?.id ?? null, params.videoId) }));
