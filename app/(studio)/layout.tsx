import { SiteHeader } from '@/components/site-header';
import { requireUser } from '@/lib/auth/current-user';

export default async function StudioLayout({ children }: { children: React.ReactNode }) {
  await requireUser();
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
    </>
  );
}
