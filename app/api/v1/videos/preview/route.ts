import { withAuth } from '@/lib/api/with-auth';
import { startVideoPreview, videoPreviewInput } from '@/lib/videos/start-video-preview';

/** A few in-between frames of a video as one PNG strip, before the full render: 202 with the job. */
export const POST = withAuth({ body: videoPreviewInput }, async ({ user, body }) => Response.json({ job: await startVideoPreview(user.id, body) }, { status: 202 }));
