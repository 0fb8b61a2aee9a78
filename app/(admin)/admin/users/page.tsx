import type { Metadata } from 'next';
import { revalidatePath } from 'next/cache';
import { requireAdmin } from '@/lib/auth/require-admin';
import { listUsers, updateUser } from '@/lib/users/admin-users';
import { Button } from '@/components/ui/button';

export const metadata: Metadata = { title: 'Users' };

async function setDisabled(formData: FormData) {
  'use server';
  const admin = await requireAdmin();
  await updateUser(admin.id, String(formData.get('userId')), { disabled: formData.get('disabled') === 'true' });
  revalidatePath('/admin/users');
}

export default async function AdminUsers({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const admin = await requireAdmin();
  const page = Math.max(1, Number((await searchParams).page) || 1);
  const { users, total, perPage } = await listUsers({ page, perPage: 50 });
  const pages = Math.max(1, Math.ceil(total / perPage));
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Users <span className="text-base font-normal text-stone-500">({total})</span></h1>
      <table className="w-full overflow-hidden rounded-lg border border-stone-200 bg-white text-sm">
        <thead className="bg-stone-50 text-left text-stone-500">
          <tr><th className="px-3 py-2">Name</th><th className="px-3 py-2">Email</th><th className="px-3 py-2">Role</th><th className="px-3 py-2">Status</th><th /></tr>
        </thead>
        <tbody className="divide-y divide-stone-200">
          {users.map((u) => (
            <tr key={u.id}>
              <td className="px-3 py-2">{u.name}</td>
              <td className="px-3 py-2">{u.email}</td>
              <td className="px-3 py-2">{u.role}</td>
              <td className="px-3 py-2">{u.disabled ? <span className="text-red-600">Disabled</span> : 'Active'}</td>
              <td className="px-3 py-2 text-right">
                {u.id !== admin.id && (
                  <form action={setDisabled}>
                    <input type="hidden" name="userId" value={u.id} />
                    <input type="hidden" name="disabled" value={u.disabled ? 'false' : 'true'} />
                    <Button variant={u.disabled ? 'secondary' : 'danger'} type="submit">{u.disabled ? 'Enable' : 'Disable'}</Button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-sm text-stone-500">Page {page} of {pages}</p>
    </div>
  );
}
