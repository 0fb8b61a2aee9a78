import { withAuth } from '@/lib/api/with-auth';
import { cancelVideo } from '@/lib/videos/videos';

export const POST = withAuth({}, async ({ user, params }) => ({ video: await cancelVideo(user.id, params.videoId) }));
