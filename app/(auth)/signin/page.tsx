import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/lib/auth/current-user';
import { signInAction } from '../actions';
import { AuthForm } from '../auth-form';

export const metadata: Metadata = { title: 'Sign in' };

const NOTICES: Record<string, string> = {
  changed: 'Your password was changed. Sign in again with the new one.',
  reset: 'Your new password is set. Sign in with it.',
  deleted: 'Your account was deleted.',
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ notice?: string }> }) {
  if (await getCurrentUser()) redirect('/studio');
  const notice = NOTICES[(await searchParams).notice ?? ''];
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Sign in</h1>
      {notice && (
        <p role="status" data-testid="signin-notice" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {notice}
        </p>
      )}
      <AuthForm
        action={signInAction}
        submitLabel="Sign in"
        fields={[
          { name: 'email', label: 'Email', type: 'email', autoComplete: 'email' },
          { name: 'password', label: 'Password', type: 'password', autoComplete: 'current-password' },
        ]}
        footer={{ text: 'New here?', href: '/signup', link: 'Create an account' }}
      />
      <p className="mt-3 text-center text-sm">
        <Link href="/forgot-password" className="text-stone-600 hover:text-accent hover:underline">Forgot your password?</Link>
      </p>
    </>
  );
}
