'use server';

import { headers } from 'next/headers';
import { AuthError } from 'next-auth';
import { signIn } from '@/lib/auth/auth';
import { ApiError } from '@/lib/api/errors';
import { invalidInput } from '@/lib/forms/human-errors';
import { signUp, signUpInput } from '@/lib/users/sign-up';
import { clientAddress } from '@/lib/security/client-address';

export type FormState = { error?: string; fieldErrors?: Record<string, string>; values?: Record<string, string> };

const MESSAGES: Record<string, string> = {
  invalid_credentials: 'Wrong email or password.',
  account_disabled: 'This account has been disabled. Contact an administrator.',
  too_many_attempts: 'Too many failed sign-ins. Wait a few minutes and try again.',
};

function authMessage(err: AuthError) {
  const code = (err as AuthError & { code?: string }).code ?? '';
  return MESSAGES[code] ?? 'Could not sign you in. Try again.';
}

export async function signInAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const email = String(formData.get('email') ?? '');
  const password = String(formData.get('password') ?? '');
  if (!email || !password) {
    const fieldErrors = { ...(email ? {} : { email: 'Enter your email address' }), ...(password ? {} : { password: 'Enter your password' }) };
    return { error: 'Enter your email and password.', fieldErrors, values: { email } };
  }
  try {
    await signIn('credentials', { email, password, redirectTo: '/studio' });
  } catch (err) {
    if (err instanceof AuthError) return { error: authMessage(err), values: { email } };
    throw err; // the redirect
  }
  return {};
}

export async function signUpAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const raw = {
    name: String(formData.get('name') ?? ''),
    email: String(formData.get('email') ?? ''),
    password: String(formData.get('password') ?? ''),
  };
  const values = { name: raw.name, email: raw.email };
  const parsed = signUpInput.safeParse(raw);
  if (!parsed.success) {
    return { error: 'Please fix the highlighted fields.', fieldErrors: invalidInput(parsed.error.issues).fields, values };
  }
  try {
    await signUp(parsed.data, { address: clientAddress(await headers()) });
  } catch (err) {
    if (err instanceof ApiError) return { error: err.message, fieldErrors: err.code === 'conflict' ? { email: err.message } : {}, values };
    throw err;
  }
  await signIn('credentials', { email: parsed.data.email, password: parsed.data.password, redirectTo: '/studio' });
  return {};
}
