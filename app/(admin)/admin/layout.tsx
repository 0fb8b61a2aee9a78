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
      {/* Phone width: the admin links become one row that scrolls sideways above the page. */}
      <div className="mx-auto flex max-w-6xl flex-col gap-4 px-4 py-6 sm:px-6 md:flex-row md:gap-8 md:py-8">
        <nav className="flex shrink-0 gap-1 overflow-x-auto text-sm md:block md:w-40 md:space-y-1 md:overflow-visible" aria-label="Admin">
          <p className="mb-2 hidden text-xs font-semibold uppercase tracking-wide text-stone-500 md:block">Admin</p>
          {NAV.map((n) => (
            <Link key={n.href} href={n.href} className="block whitespace-nowrap rounded px-2 py-1 hover:bg-stone-100">{n.label}</Link>
          ))}
        </nav>
        <main className="min-w-0 flex-1">{children}</main>
      </div>
    </>
  );
}
