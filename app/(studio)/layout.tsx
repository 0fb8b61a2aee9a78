import { SiteHeader } from '@/components/site-header';
import { requireUser } from '@/lib/auth/current-user';

export default async function StudioLayout({ children }: { children: React.ReactNode }) {
  await requireUser();
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-6xl px-4 py-6 sm:px-6 sm:py-8">{children}</main>
    </>
  );
}
