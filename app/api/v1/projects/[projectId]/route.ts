import { withAuth } from '@/lib/api/with-auth';
import { findAccessibleProject, updateProject, updateProjectInput } from '@/lib/projects/projects';

export const GET = withAuth({}, async ({ user, params }) => ({ project: await findAccessibleProject(user.id, params.projectId) }));

export const PATCH = withAuth({ body: updateProjectInput }, async ({ user, params, body }) => ({
  project: await updateProject(user.id, params.projectId, body),
}));
