import { z } from 'zod';
import { db } from '@/lib/db';
import { badRequest, conflict, notFound } from '@/lib/api/errors';
import { emailSchema } from '@/lib/auth/password';
import { requireTeamRole } from '@/lib/teams/permissions';

export const createTeamInput = z.object({ name: z.string().trim().min(2, 'Team name must be at least 2 characters').max(80) });
export const addMemberInput = z.object({ email: emailSchema, role: z.enum(['OWNER', 'MEMBER']).default('MEMBER') });

function slugify(name: string) {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'team';
  return `${base}-${Math.random().toString(36).slice(2, 8)}`;
}

export async function createTeam(userId: string, input: z.infer<typeof createTeamInput>) {
  return db.team.create({
    data: {
      name: input.name,
      slug: slugify(input.name),
      memberships: { create: { userId, role: 'OWNER' } },
    },
    select: { id: true, name: true, slug: true, createdAt: true },
  });
}

export async function listTeams(userId: string) {
  const rows = await db.membership.findMany({
    where: { userId },
    select: { role: true, team: { select: { id: true, name: true, slug: true, _count: { select: { memberships: true } } } } },
    orderBy: { createdAt: 'asc' },
  });
  return rows.map((r) => ({ id: r.team.id, name: r.team.name, slug: r.team.slug, role: r.role, members: r.team._count.memberships }));
}

export async function getTeam(userId: string, teamId: string) {
  await requireTeamRole(userId, teamId);
  const team = await db.team.findUnique({
    where: { id: teamId },
    select: {
      id: true,
      name: true,
      slug: true,
      memberships: { select: { role: true, user: { select: { id: true, email: true, name: true } } }, orderBy: { createdAt: 'asc' } },
    },
  });
  if (!team) throw notFound('Team');
  return {
    id: team.id,
    name: team.name,
    slug: team.slug,
    members: team.memberships.map((m) => ({ ...m.user, role: m.role })),
  };
}

/** Owners add existing accounts by email. */
export async function addMember(userId: string, teamId: string, input: z.infer<typeof addMemberInput>) {
  await requireTeamRole(userId, teamId, 'owner');
  const member = await db.user.findUnique({ where: { email: input.email }, select: { id: true, email: true, name: true } });
  if (!member) throw badRequest(`No account uses ${input.email}; ask them to sign up first`);
  const existing = await db.membership.findUnique({ where: { userId_teamId: { userId: member.id, teamId } }, select: { id: true } });
  if (existing) throw conflict(`${input.email} is already a member of this team`);
  await db.membership.create({ data: { userId: member.id, teamId, role: input.role } });
  return { ...member, role: input.role };
}
