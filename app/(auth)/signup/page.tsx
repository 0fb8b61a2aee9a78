import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/lib/auth/current-user';
import { signUpAction } from '../actions';
import { AuthForm } from '../auth-form';

export const metadata: Metadata = { title: 'Create an account' };

export default async function SignUpPage() {
  if (await getCurrentUser()) redirect('/studio');
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Create an account</h1>
      <AuthForm
        action={signUpAction}
        submitLabel="Create account"
        fields={[
          { name: 'name', label: 'Name', type: 'text', autoComplete: 'name' },
          { name: 'email', label: 'Email', type: 'email', autoComplete: 'email' },
          { name: 'password', label: 'Password', type: 'password', autoComplete: 'new-password', hint: 'At least 10 characters, with a letter and a digit.' },
        ]}
        footer={{ text: 'Already have an account?', href: '/signin', link: 'Sign in' }}
      />
    </>
  );
}
