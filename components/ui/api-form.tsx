'use client';
// A form that sends its fields as JSON to one API route and shows the answer the way every form
// here does: each problem next to its field (<FieldError name=…> inside), the rest under the form.
import { useRouter } from 'next/navigation';
import { useCallback, useState } from 'react';
import { FormFieldErrorsContext } from '@/components/ui/field-error';
import { errorsByField } from '@/lib/forms/human-errors';

export function ApiForm({
  url,
  method = 'POST',
  children,
  className = '',
  success,
  redirectTo,
  omitEmpty = false,
  testId,
}: {
  url: string;
  method?: 'POST' | 'PATCH' | 'DELETE';
  children: React.ReactNode;
  className?: string;
  /** Shown after a 2xx answer (unless redirecting). */
  success?: string;
  /** Where to go after a 2xx answer (a full navigation, so the session is read again). */
  redirectTo?: string;
  /** Leave out fields left empty (optional parts of a PATCH). */
  omitEmpty?: boolean;
  testId?: string;
}) {
  const router = useRouter();
  const [fields, setFields] = useState<Record<string, string> | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [ok, setOk] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [placed, setPlaced] = useState<string[]>([]);
  const register = useCallback((name: string) => setPlaced((p) => (p.includes(name) ? p : [...p, name])), []);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body: Record<string, string> = {};
    for (const [k, v] of new FormData(event.currentTarget)) {
      if (typeof v === 'string' && !(omitEmpty && v === '')) body[k] = v;
    }
    setPending(true);
    setError(null);
    setOk(null);
    setFields(undefined);
    try {
      const res = await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const data = await res.json().catch(() => ({}));
      if (!res.ok) {
        setFields(errorsByField(data.error?.details));
        setError(data.error?.message ?? `Request failed (${res.status})`);
        return;
      }
      if (redirectTo) {
        window.location.assign(redirectTo);
        return;
      }
      setOk(data.message ?? success ?? 'Saved');
      router.refresh();
    } catch {
      setError('Could not reach the server. Check your connection and try again.');
    } finally {
      setPending(false);
    }
  }

  const shownByField = !!fields && Object.keys(fields).some((k) => placed.includes(k));
  return (
    <form onSubmit={submit} className={className} data-testid={testId} noValidate>
      <FormFieldErrorsContext.Provider value={{ fields, register }}>
        <fieldset disabled={pending} className="contents">
          {children}
        </fieldset>
      </FormFieldErrorsContext.Provider>
      {error && !shownByField && <p role="alert" className="basis-full text-sm text-red-600">{error}</p>}
      {ok && <p role="status" className="basis-full text-sm text-emerald-700">{ok}</p>}
    </form>
  );
}
