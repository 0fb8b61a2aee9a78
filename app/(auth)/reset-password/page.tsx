import type { Metadata } from 'next';
import Link from 'next/link';
import { ApiForm } from '@/components/ui/api-form';
import { FieldError } from '@/components/ui/field-error';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/input';

export const metadata: Metadata = { title: 'Set a new password' };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const token = (await searchParams).token ?? '';
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Set a new password</h1>
      {token ? (
        <ApiForm url="/api/v1/password-reset/confirm" redirectTo="/signin?notice=reset" className="flex flex-col gap-4" testId="reset-password-form">
          <input type="hidden" name="token" value={token} />
          <Field label="New password" hint="At least 10 characters, with a letter and a digit. Every signed-in session ends.">
            <Input name="password" type="password" autoComplete="new-password" required />
          </Field>
          <FieldError name="password" />
          <FieldError name="token" />
          <Button type="submit" className="w-full">Set password</Button>
        </ApiForm>
      ) : (
        <p role="alert" className="text-sm text-red-600">This link has no reset token. Open the link from the email again, or ask for a new one.</p>
      )}
      <p className="mt-4 text-center text-sm text-stone-600">
        <Link href="/forgot-password" className="font-medium text-accent hover:underline">Ask for a new link</Link>
      </p>
    </>
  );
}
