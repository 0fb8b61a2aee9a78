import type { Metadata } from 'next';
import { db } from '@/lib/db';
import { requireAdmin } from '@/lib/auth/require-admin';
import { listTeamsForQuotas, quotaDefaults } from '@/lib/admin/quotas';
import { listUsers } from '@/lib/users/admin-users';
import { monthWindow } from '@/lib/usage/gpu-quota';
import { formatSeconds } from '@/components/charts/bar-chart';
import { Button } from '@/components/ui/button';
import { setTeamQuotaAction, setUserQuotaAction } from '../actions';

export const metadata: Metadata = { title: 'Quotas' };

function QuotaForm({ action, idName, id, value, label }: { action: (f: FormData) => Promise<void>; idName: string; id: string; value: number | null; label: string }) {
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name={idName} value={id} />
      <input
        name="gpuQuotaSeconds"
        type="number"
        min={0}
        step={1}
        defaultValue={value ?? ''}
        placeholder="default"
        aria-label={label}
        className="w-32 rounded-md border border-stone-300 px-2 py-1 text-sm"
      />
      <Button type="submit" variant="secondary">Save</Button>
    </form>
  );
}

export default async function AdminQuotas({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  await requireAdmin();
  const q = (await searchParams).q?.trim() || undefined;
  const { start, resetsAt } = monthWindow();
  const defaults = quotaDefaults();
  const [{ users }, teams, userUse, teamUse, overrides] = await Promise.all([
    listUsers({ page: 1, perPage: 100, q }),
    listTeamsForQuotas(),
    db.job.groupBy({ by: ['userId'], where: { createdAt: { gte: start }, userId: { not: null } }, _sum: { gpuSeconds: true } }),
    db.job.groupBy({ by: ['teamId'], where: { createdAt: { gte: start }, teamId: { not: null } }, _sum: { gpuSeconds: true } }),
    db.user.findMany({ where: { gpuQuotaSeconds: { not: null } }, select: { id: true, gpuQuotaSeconds: true } }),
  ]);
  const used = new Map([...userUse.map((r) => [r.userId!, r._sum.gpuSeconds ?? 0] as const), ...teamUse.map((r) => [r.teamId!, r._sum.gpuSeconds ?? 0] as const)]);
  const userQuota = new Map(overrides.map((u) => [u.id, u.gpuQuotaSeconds]));
  const th = 'px-3 py-2 font-medium';
  const td = 'px-3 py-2';
  const limit = (override: number | null | undefined, fallback: number) => {
    const q = override ?? fallback;
    return q > 0 ? formatSeconds(q) : 'unlimited';
  };
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Monthly GPU quotas</h1>
      <p className="text-sm text-stone-600">
        Defaults: {defaults.userSeconds ? `${defaults.userSeconds} s` : 'unlimited'} per user, {defaults.teamSeconds ? `${defaults.teamSeconds} s` : 'unlimited'} per team
        (GPU_QUOTA_USER_SECONDS, GPU_QUOTA_TEAM_SECONDS; 0 = unlimited). Enter seconds to override, leave empty for the default.
        The month resets on {resetsAt.toISOString().slice(0, 10)} (UTC); a job is refused with 429 once usage reaches the quota.
      </p>
      <section className="space-y-2">
        <div className="flex items-center justify-between">
          <h2 className="text-lg font-semibold">Users</h2>
          <form className="flex flex-wrap gap-2" action="/admin/quotas">
            <input name="q" defaultValue={q} placeholder="Search email or name" aria-label="Search users" className="rounded-md border border-stone-300 px-2 py-1 text-sm" />
            <Button type="submit" variant="secondary">Search</Button>
          </form>
        </div>
        <div className="overflow-x-auto" data-table-scroll><table className="w-full rounded-lg border border-stone-200 bg-white text-sm" data-testid="user-quotas">
          <thead className="bg-stone-50 text-left text-stone-500"><tr><th className={th}>User</th><th className={th}>Used this month</th><th className={th}>Quota</th><th className={th}>Override (s)</th></tr></thead>
          <tbody className="divide-y divide-stone-200">
            {users.map((u) => (
              <tr key={u.id} data-email={u.email}>
                <td className={td}>{u.email}</td>
                <td className={td}>{formatSeconds(used.get(u.id) ?? 0)}</td>
                <td className={td}>{limit(userQuota.get(u.id), defaults.userSeconds)}</td>
                <td className={td}><QuotaForm action={setUserQuotaAction} idName="userId" id={u.id} value={userQuota.get(u.id) ?? null} label={`GPU quota for ${u.email}`} /></td>
              </tr>
            ))}
          </tbody>
        </table></div>
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Teams</h2>
        <div className="overflow-x-auto" data-table-scroll><table className="w-full rounded-lg border border-stone-200 bg-white text-sm" data-testid="team-quotas">
          <thead className="bg-stone-50 text-left text-stone-500"><tr><th className={th}>Team</th><th className={th}>Members</th><th className={th}>Used this month</th><th className={th}>Quota</th><th className={th}>Override (s)</th></tr></thead>
          <tbody className="divide-y divide-stone-200">
            {teams.length === 0 && <tr><td className={td} colSpan={5}>No teams yet.</td></tr>}
            {teams.map((t) => (
              <tr key={t.id}>
                <td className={td}>{t.name}</td>
                <td className={td}>{t._count.memberships}</td>
                <td className={td}>{formatSeconds(used.get(t.id) ?? 0)}</td>
                <td className={td}>{limit(t.gpuQuotaSeconds, defaults.teamSeconds)}</td>
                <td className={td}><QuotaForm action={setTeamQuotaAction} idName="teamId" id={t.id} value={t.gpuQuotaSeconds} label={`GPU quota for team ${t.name}`} /></td>
              </tr>
            ))}
          </tbody>
        </table></div>
      </section>
    </div>
  );
}
