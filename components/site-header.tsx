import Link from 'next/link';
import { getCurrentUser } from '@/lib/auth/current-user';
import { NavMenu, type NavLink } from '@/components/nav-menu';
import { SignOutButton } from '@/components/sign-out-button';

const STUDIO_LINKS: NavLink[] = [
  { href: '/studio', label: 'Studio' },
  { href: '/explore', label: 'Explore' },
  { href: '/quiz', label: 'Quiz' },
  { href: '/latents', label: 'Latents' },
  { href: '/datasets', label: 'Datasets' },
  { href: '/training', label: 'Training' },
  { href: '/mixes', label: 'Mixes' },
  { href: '/videos', label: 'Videos' },
  { href: '/collections', label: 'Collections' },
  { href: '/teams', label: 'Teams' },
  { href: '/settings', label: 'Settings' },
];

// Wide screens (xl, 1280 px and up) show every link in one row; narrower ones a Menu button
// (NavMenu).
// The email shrinks (truncates) before "Sign out" could wrap.
export async function SiteHeader() {
  const user = await getCurrentUser();
  const links = user ? [...STUDIO_LINKS, ...(user.role === 'ADMIN' ? [{ href: '/admin', label: 'Admin' }] : [])] : [];
  return (
    <header className="relative border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center gap-x-5 px-4 py-3 sm:px-6">
        <Link href="/" className="shrink-0 whitespace-nowrap font-semibold tracking-tight">
          <span className="text-accent">◆</span> Latent Atelier
        </Link>
        {user ? (
          <>
            <nav aria-label="Main" className="hidden shrink-0 items-center gap-x-4 text-sm text-stone-600 xl:flex">
              {links.map((l) => (
                <Link key={l.href} href={l.href} className="whitespace-nowrap hover:text-stone-900">{l.label}</Link>
              ))}
            </nav>
            <div className="ml-auto flex min-w-0 items-center gap-3 text-sm">
              <span className="hidden min-w-0 max-w-[14rem] truncate text-stone-500 sm:inline" data-testid="signed-in-as" title={user.email}>{user.email}</span>
              <NavMenu links={links} email={user.email} />
              <span className="shrink-0 whitespace-nowrap"><SignOutButton /></span>
            </div>
          </>
        ) : (
          <nav aria-label="Main" className="ml-auto flex items-center gap-4 text-sm">
            <Link href="/gallery" className="text-stone-600 hover:text-stone-900">Gallery</Link>
            <Link href="/quiz" className="hidden whitespace-nowrap text-stone-600 hover:text-stone-900 sm:inline">Quiz</Link>
            <Link href="/signin" className="whitespace-nowrap text-stone-600 hover:text-stone-900">Sign in</Link>
            <Link href="/signup" className="whitespace-nowrap rounded-md bg-accent px-3 py-1.5 font-medium text-white hover:opacity-90">Sign up</Link>
          </nav>
        )}
      </div>
    </header>
  );
}
