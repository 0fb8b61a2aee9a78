import { z } from 'zod';
import { withAuth } from '@/lib/api/with-auth';
import { createProject, createProjectInput, listProjects } from '@/lib/projects/projects';

const listQuery = z.object({
  workspace: z.string().optional(),
  archived: z.enum(['true', 'false']).optional(),
});

export const GET = withAuth({ query: listQuery }, async ({ user, query }) => ({
  projects: await listProjects(user.id, query.workspace, { includeArchived: query.archived === 'true' }),
}));

export const POST = withAuth({ body: createProjectInput }, async ({ user, body }) => {
  const project = await createProject(user.id, body);
  return Response.json({ project }, { status: 201 });
});
