import { withAuth } from '@/lib/api/with-auth';
import { updateProject, updateProjectInput } from '@/lib/projects/projects';
import { listProjectContents } from '@/lib/studio/list-recent-work';

/** A project and what it holds (latents, mixes, videos, training runs, collections, datasets, models). */
export const GET = withAuth({}, async ({ user, params }) => listProjectContents(user.id, params.projectId));

export const PATCH = withAuth({ body: updateProjectInput }, async ({ user, params, body }) => ({
  project: await updateProject(user.id, params.projectId, body),
}));
