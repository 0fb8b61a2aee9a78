import Link from 'next/link';
import { getCurrentUser } from '@/lib/auth/current-user';
import { SignOutButton } from '@/components/sign-out-button';

export async function SiteHeader() {
  const user = await getCurrentUser();
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/" className="whitespace-nowrap font-semibold tracking-tight">
          <span className="text-accent">◆</span> Latent Atelier
        </Link>
        {user ? (
          // Wraps onto more lines on a narrow screen instead of running off it.
          <nav className="flex min-w-0 flex-1 flex-wrap items-center gap-x-4 gap-y-1 text-sm text-stone-600">
            <Link href="/studio" className="hover:text-stone-900">Studio</Link>
            <Link href="/explore" className="hover:text-stone-900">Explore</Link>
            <Link href="/quiz" className="hover:text-stone-900">Quiz</Link>
            <Link href="/latents" className="hover:text-stone-900">Latents</Link>
            <Link href="/datasets" className="hover:text-stone-900">Datasets</Link>
            <Link href="/training" className="hover:text-stone-900">Training</Link>
            <Link href="/mixes" className="hover:text-stone-900">Mixes</Link>
            <Link href="/videos" className="hover:text-stone-900">Videos</Link>
            <Link href="/collections" className="hover:text-stone-900">Collections</Link>
            <Link href="/teams" className="hover:text-stone-900">Teams</Link>
            <Link href="/settings" className="hover:text-stone-900">Settings</Link>
            {user.role === 'ADMIN' && <Link href="/admin" className="hover:text-stone-900">Admin</Link>}
            <span className="ml-auto flex min-w-0 items-center gap-3 whitespace-nowrap">
              <span className="max-w-[16rem] truncate text-stone-500" data-testid="signed-in-as" title={user.email}>{user.email}</span>
              <SignOutButton />
            </span>
          </nav>
        ) : (
          <nav className="ml-auto flex flex-wrap items-center gap-4 text-sm">
            <Link href="/gallery" className="text-stone-600 hover:text-stone-900">Gallery</Link>
            <Link href="/quiz" className="text-stone-600 hover:text-stone-900">Quiz</Link>
            <Link href="/signin" className="text-stone-600 hover:text-stone-900">Sign in</Link>
            <Link href="/signup" className="rounded-md bg-accent px-3 py-1.5 font-medium text-white hover:opacity-90">Sign up</Link>
          </nav>
        )}
      </div>
    </header>
  );
}
