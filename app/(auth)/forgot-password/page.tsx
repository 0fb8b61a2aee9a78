import type { Metadata } from 'next';
import Link from 'next/link';
import { ApiForm } from '@/components/ui/api-form';
import { FieldError } from '@/components/ui/field-error';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/input';

export const metadata: Metadata = { title: 'Forgot password' };

export default function ForgotPasswordPage() {
  return (
    <>
      <h1 className="mb-2 text-xl font-semibold">Forgot your password?</h1>
      <p className="mb-4 text-sm text-stone-600">Enter your account&apos;s email. We send a link that sets a new password; it works once, for an hour.</p>
      <ApiForm url="/api/v1/password-reset" className="flex flex-col gap-4" testId="forgot-password-form">
        <Field label="Email">
          <Input name="email" type="email" autoComplete="email" required />
        </Field>
        <FieldError name="email" />
        <Button type="submit" className="w-full">Send reset link</Button>
      </ApiForm>
      <p className="mt-4 text-center text-sm text-stone-600">
        Remembered it? <Link href="/signin" className="font-medium text-accent hover:underline">Sign in</Link>
      </p>
    </>
  );
}
