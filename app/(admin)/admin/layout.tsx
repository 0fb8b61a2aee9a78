import Link from 'next/link';
import { SiteHeader } from '@/components/site-header';
import { requireAdmin } from '@/lib/auth/require-admin';

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireAdmin();
  return (
    <>
      <SiteHeader />
      <div className="mx-auto flex max-w-6xl gap-8 px-6 py-8">
        <nav className="w-40 shrink-0 space-y-1 text-sm">
          <p className="mb-2 text-xs font-semibold uppercase tracking-wide text-stone-500">Admin</p>
          <Link href="/admin" className="block rounded px-2 py-1 hover:bg-stone-100">Overview</Link>
          <Link href="/admin/users" className="block rounded px-2 py-1 hover:bg-stone-100">Users</Link>
        </nav>
        <main className="min-w-0 flex-1">{children}</main>
      </div>
    </>
  );
}
