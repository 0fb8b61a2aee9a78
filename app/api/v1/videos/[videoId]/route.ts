import { withAuth } from '@/lib/api/with-auth';
import { getVideo, updateVideo } from '@/lib/videos/videos';
import { updateVideoInput } from '@/lib/videos/video-settings';

export const GET = withAuth({ access: 'public' }, async ({ user, params }) => ({ video: await getVideo(user?.id ?? null, params.videoId) }));

export const PATCH = withAuth({ body: updateVideoInput }, async ({ user, params, body }) => ({ video: await updateVideo(user.id, params.videoId, body) }));
