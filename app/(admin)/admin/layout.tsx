import Link from 'next/link';
import { SiteHeader } from '@/components/site-header';
import { requireAdmin } from '@/lib/auth/require-admin';

const NAV = [
  { href: '/admin', label: 'Overview' },
  { href: '/admin/usage', label: 'Usage' },
  { href: '/admin/jobs', label: 'Jobs' },
  { href: '/admin/quotas', label: 'Quotas' },
  { href: '/admin/users', label: 'Users' },
  { href: '/admin/reviews', label: 'Licence review' },
  { href: '/admin/moderation', label: 'Moderation' },
  { href: '/admin/workers', label: 'Workers' },
  { href: '/admin/audit-log', label: 'Audit log' },
];

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireAdmin();
  return (
    <>
      <SiteHeader />
      <div className="mx-auto flex max-w-6xl gap-8 px-6 py-8">
        <nav className="w-40 shrink-0 space-y-1 text-sm" aria-label="Admin">
          <p className="mb-2 text-xs font-semibold uppercase tracking-wide text-stone-500">Admin</p>
          {NAV.map((n) => (
            <Link key={n.href} href={n.href} className="block rounded px-2 py-1 hover:bg-stone-100">{n.label}</Link>
          ))}
        </nav>
        <main className="min-w-0 flex-1">{children}</main>
      </div>
    </>
  );
}
