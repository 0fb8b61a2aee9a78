import { z } from 'zod';
import { withAuth } from '@/lib/api/with-auth';
import { createVideo, listVideos } from '@/lib/videos/videos';
import { createVideoInput } from '@/lib/videos/video-settings';

const listQuery = z.object({ workspace: z.string().optional() });

export const GET = withAuth({ query: listQuery }, async ({ user, query }) => ({ videos: await listVideos(user.id, query.workspace) }));

/** Validates keyframes and settings, then enqueues the render: 202 with the video and its job. */
export const POST = withAuth({ body: createVideoInput }, async ({ user, body }) => Response.json(await createVideo(user.id, body), { status: 202 }));
