import { z } from 'zod';
import { viewerOf } from '@/lib/access/viewer';
import { writableWhere } from '@/lib/access/rules';
import { db } from '@/lib/db';
import { notFound } from '@/lib/api/errors';
import { resolveWorkspace, workspaceWhere } from '@/lib/projects/workspace';

export const projectNameSchema = z.string().trim().min(1, 'Project name is required').max(100);
export const createProjectInput = z.object({ name: projectNameSchema, workspace: z.string().optional() });
export const updateProjectInput = z
  .object({ name: projectNameSchema.optional(), archived: z.boolean().optional() })
  .refine((v) => v.name !== undefined || v.archived !== undefined, 'Nothing to update: send name and/or archived');

const projectSelect = { id: true, name: true, teamId: true, ownerId: true, archivedAt: true, createdAt: true, updatedAt: true } as const;

export async function listProjects(userId: string, workspaceId?: string, opts: { includeArchived?: boolean } = {}) {
  const ws = await resolveWorkspace(userId, workspaceId);
  return db.project.findMany({
    where: { ...workspaceWhere(ws), ...(opts.includeArchived ? {} : { archivedAt: null }) },
    select: projectSelect,
    orderBy: [{ archivedAt: 'asc' }, { updatedAt: 'desc' }],
  });
}

export async function createProject(userId: string, input: z.infer<typeof createProjectInput>) {
  const ws = await resolveWorkspace(userId, input.workspace);
  return db.project.create({
    data: { name: input.name, ownerId: userId, teamId: ws.kind === 'team' ? ws.teamId : null },
    select: projectSelect,
  });
}

/** A project the user may change: their personal one, or one of a team they belong to. Others are 404. */
export async function findAccessibleProject(userId: string, projectId: string) {
  const project = await db.project.findFirst({
    where: { id: projectId, ...writableWhere(await viewerOf(userId)) },
    select: projectSelect,
  });
  if (!project) throw notFound('Project');
  return project;
}

export async function updateProject(userId: string, projectId: string, input: z.infer<typeof updateProjectInput>) {
  const project = await findAccessibleProject(userId, projectId);
  return db.project.update({
    where: { id: project.id },
    data: {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.archived !== undefined ? { archivedAt: input.archived ? new Date() : null } : {}),
    },
    select: projectSelect,
  });
}
