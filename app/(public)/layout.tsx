import { SiteHeader } from '@/components/site-header';

/** Pages anyone may open, signed in or not (what they show depends on who asks). */
export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-6xl px-4 py-6 sm:px-6 sm:py-8">{children}</main>
    </>
  );
}
