'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { FieldError } from '@/components/ui/field-error';
import type { FormState } from './actions';

type FieldDef = { name: string; label: string; type: string; autoComplete: string; hint?: string };

export function AuthForm({
  action,
  fields,
  submitLabel,
  footer,
}: {
  action: (prev: FormState, data: FormData) => Promise<FormState>;
  fields: FieldDef[];
  submitLabel: string;
  footer: { text: string; href: string; link: string };
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.error && (
        <p role="alert" data-testid="form-error" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
          {state.error}
        </p>
      )}
      {fields.map((f) => (
        <label key={f.name} className="block space-y-1 text-sm">
          <span className="font-medium text-stone-700">{f.label}</span>
          <input
            name={f.name}
            type={f.type}
            autoComplete={f.autoComplete}
            defaultValue={f.type === 'password' ? undefined : state.values?.[f.name]}
            aria-invalid={Boolean(state.fieldErrors?.[f.name])}
            aria-describedby={state.fieldErrors?.[f.name] ? `${f.name}-error` : undefined}
            className="w-full rounded-md border border-stone-300 bg-white px-3 py-2 shadow-sm outline-none focus:border-accent focus:ring-2 focus:ring-accent-soft aria-[invalid=true]:border-red-400"
          />
          {state.fieldErrors?.[f.name] ? (
            <FieldError errors={state.fieldErrors} name={f.name} id={`${f.name}-error`} />
          ) : (
            f.hint && <span className="block text-xs text-stone-500">{f.hint}</span>
          )}
        </label>
      ))}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-accent px-3 py-2 font-medium text-white hover:opacity-90 disabled:opacity-60"
      >
        {pending ? 'Please wait…' : submitLabel}
      </button>
      <p className="text-center text-sm text-stone-600">
        {footer.text}{' '}
        <Link href={footer.href} className="font-medium text-accent hover:underline">
          {footer.link}
        </Link>
      </p>
    </form>
  );
}
