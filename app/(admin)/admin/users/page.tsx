import type { Metadata } from 'next';
import Link from 'next/link';
import { requireAdmin } from '@/lib/auth/require-admin';
import { listUsers } from '@/lib/users/admin-users';
import { Button } from '@/components/ui/button';
import { updateUserAction } from '../actions';

export const metadata: Metadata = { title: 'Users' };

function UserAction({ userId, field, value, label, variant }: { userId: string; field: 'disabled' | 'role'; value: string; label: string; variant: 'primary' | 'secondary' | 'danger' }) {
  return (
    <form action={updateUserAction}>
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="field" value={field} />
      <input type="hidden" name="value" value={value} />
      <Button variant={variant} type="submit">{label}</Button>
    </form>
  );
}

export default async function AdminUsers({ searchParams }: { searchParams: Promise<{ page?: string; q?: string }> }) {
  const admin = await requireAdmin();
  const sp = await searchParams;
  const page = Math.max(1, Number(sp.page) || 1);
  const q = sp.q?.trim() || undefined;
  const { users, total, perPage } = await listUsers({ page, perPage: 50, q });
  const pages = Math.max(1, Math.ceil(total / perPage));
  const qs = (p: number) => `/admin/users?page=${p}${q ? `&q=${encodeURIComponent(q)}` : ''}`;
  return (
    <div className="space-y-4">
      <div className="flex items-baseline justify-between">
        <h1 className="text-2xl font-semibold">Users <span className="text-base font-normal text-stone-500">({total})</span></h1>
        <form action="/admin/users" className="flex flex-wrap gap-2">
          <input name="q" defaultValue={q} placeholder="Search email or name" aria-label="Search users" className="rounded-md border border-stone-300 px-2 py-1 text-sm" />
          <Button type="submit" variant="secondary">Search</Button>
        </form>
      </div>
      <div className="overflow-x-auto" data-table-scroll><table className="w-full rounded-lg border border-stone-200 bg-white text-sm" data-testid="users">
        <thead className="bg-stone-50 text-left text-stone-500">
          <tr><th className="px-3 py-2">Name</th><th className="px-3 py-2">Email</th><th className="px-3 py-2">Role</th><th className="px-3 py-2">Status</th><th className="px-3 py-2">Joined</th><th /></tr>
        </thead>
        <tbody className="divide-y divide-stone-200">
          {users.map((u) => (
            <tr key={u.id} data-email={u.email}>
              <td className="px-3 py-2">{u.name}</td>
              <td className="px-3 py-2">{u.email}</td>
              <td className="px-3 py-2">{u.role === 'ADMIN' ? 'Administrator' : 'Member'}</td>
              <td className="px-3 py-2">{u.disabled ? <span className="text-red-600">Disabled</span> : 'Active'}</td>
              <td className="px-3 py-2 text-stone-500">{u.createdAt.toISOString().slice(0, 10)}</td>
              <td className="px-3 py-2">
                {u.id === admin.id ? (
                  <span className="text-xs text-stone-500">you</span>
                ) : (
                  <div className="flex justify-end gap-2">
                    {u.role === 'ADMIN'
                      ? <UserAction userId={u.id} field="role" value="USER" label="Demote" variant="secondary" />
                      : <UserAction userId={u.id} field="role" value="ADMIN" label="Promote" variant="secondary" />}
                    {u.disabled
                      ? <UserAction userId={u.id} field="disabled" value="false" label="Enable" variant="secondary" />
                      : <UserAction userId={u.id} field="disabled" value="true" label="Disable" variant="danger" />}
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table></div>
      <p className="flex gap-4 text-sm text-stone-500">
        Page {page} of {pages}
        {page > 1 && <Link href={qs(page - 1)} className="text-accent">Previous</Link>}
        {page < pages && <Link href={qs(page + 1)} className="text-accent">Next</Link>}
      </p>
    </div>
  );
}
