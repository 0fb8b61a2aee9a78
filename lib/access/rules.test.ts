// The access rules as a table: every resource kind × role × action, checked on `can` and on the
// Prisma filters that services query with (evaluated here on the same rows), so the two agree.
import { describe, expect, it } from 'vitest';
import { can, readableWhere, writableWhere, type Action, type Owned, type Viewer, type Visibility } from '@/lib/access/rules';

const OWNER = 'u-owner';
const TEAM = 't-studio';

const viewers: Record<string, Viewer> = {
  owner: { id: OWNER, role: 'USER', teamIds: [] }, // for team rows: the creator, who has left the team
  'team member': { id: 'u-member', role: 'USER', teamIds: [TEAM] },
  'former team member': { id: 'u-former', role: 'USER', teamIds: [] },
  'other user': { id: 'u-other', role: 'USER', teamIds: ['t-elsewhere'] },
  'signed out': null,
  admin: { id: 'u-admin', role: 'ADMIN', teamIds: [] },
};

// Each kind of owned resource; never-shared kinds have no visibility.
const kinds: { kind: string; shareable: boolean }[] = [
  { kind: 'Latent', shareable: true },
  { kind: 'Mix', shareable: true },
  { kind: 'Video', shareable: true },
  { kind: 'Collection', shareable: true },
  { kind: 'Model', shareable: true },
  { kind: 'Dataset', shareable: false },
  { kind: 'TrainingRun', shareable: false },
  { kind: 'Job', shareable: false },
];

type Case = { owner: 'personal' | 'team'; visibility?: Visibility; hidden?: boolean };
const cases: Case[] = [
  { owner: 'personal', visibility: 'PRIVATE' },
  { owner: 'personal', visibility: 'PUBLIC' },
  { owner: 'personal', visibility: 'UNLISTED', hidden: true },
  { owner: 'team', visibility: 'PRIVATE' },
  { owner: 'team', visibility: 'UNLISTED' },
  { owner: 'team', visibility: 'PUBLIC', hidden: true },
];

// The expected answer, written out per role (the rule as the docs state it).
function expected(role: string, action: Action, c: Case): boolean {
  const shared = (c.visibility === 'PUBLIC' || c.visibility === 'UNLISTED') && !c.hidden;
  const ownerSide = c.owner === 'personal' ? role === 'owner' : role === 'team member'; // former members and the creator who left: no
  return action === 'read' ? ownerSide || shared : ownerSide;
}

// A tiny evaluator of the filters' shape ({ OR: [{ ownerId, teamId: null | { in }, visibility: { in }, hidden }] }).
function matches(where: { OR: Record<string, unknown>[] }, row: Owned): boolean {
  return where.OR.some((clause) =>
    Object.entries(clause).every(([field, cond]) => {
      const value = field in row ? (row as Record<string, unknown>)[field] : field === 'hidden' ? false : undefined;
      if (cond === null) return value === null;
      if (typeof cond === 'object' && cond && 'in' in cond) return (cond as { in: unknown[] }).in.includes(value);
      return value === cond;
    }),
  );
}

const table: [string, string, Action, Case][] = [];
for (const { kind, shareable } of kinds)
  for (const c of cases.filter((c) => shareable || c.visibility === 'PRIVATE'))
    for (const role of Object.keys(viewers)) for (const action of ['read', 'write', 'share'] as Action[]) table.push([kind, role, action, c]);

describe('access rules: resource × role × action', () => {
  it.each(table)('%s: %s may %s? (%o)', (kind, role, action, c) => {
    const shareable = kinds.find((k) => k.kind === kind)!.shareable;
    const row: Owned = { ownerId: OWNER, teamId: c.owner === 'team' ? TEAM : null, ...(shareable ? { visibility: c.visibility, hidden: c.hidden ?? false } : {}) };
    const viewer = viewers[role]!;
    const want = expected(role, action, shareable ? c : { ...c, visibility: undefined });
    expect(can(viewer, action, row)).toBe(want);
    const where = action === 'read' ? readableWhere(viewer, { shareable }) : writableWhere(viewer);
    expect(matches(where, row)).toBe(want);
  });

  it('covers every role and action', () => {
    expect(new Set(table.map((t) => t[1]))).toEqual(new Set(['owner', 'team member', 'former team member', 'other user', 'signed out', 'admin']));
    expect(table.length).toBeGreaterThan(200);
  });
});
