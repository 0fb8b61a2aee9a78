'use client';

import { useActionState, useCallback, useState, useTransition } from 'react';
import { FormFieldErrorsContext } from '@/components/ui/field-error';
import type { ActionState } from './actions';

/** A small form bound to a server action that shows its error or success message inline. */
export function ActionForm({
  action,
  children,
  className = '',
  resetOnSuccess = true,
}: {
  action: (prev: ActionState, data: FormData) => Promise<ActionState>;
  children: React.ReactNode;
  className?: string;
  resetOnSuccess?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const [, startTransition] = useTransition();
  // Fields that show their own problem (<FieldError name=…> inside the form).
  const [placed, setPlaced] = useState<string[]>([]);
  const register = useCallback((name: string) => setPlaced((p) => (p.includes(name) ? p : [...p, name])), []);
  const shownByField = !!state.fields && Object.keys(state.fields).some((k) => placed.includes(k));
  // React resets a form whose `action` prop ran, and a reset puts every <select> back on its
  // first option (a saved "Public" showed "Private" again). A form that keeps its values submits
  // through onSubmit instead, which React does not reset.
  const keepValues = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // With the button that submitted it, as a native submission would send its name and value.
    const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(() => formAction(data));
  };
  return (
    <form
      action={resetOnSuccess ? formAction : undefined}
      onSubmit={resetOnSuccess ? undefined : keepValues}
      // The server words every problem next to its field (<FieldError>); the browser's own
      // bubbles would say it differently on each page.
      noValidate
      className={className}
      key={resetOnSuccess && state.ok ? state.ok + Date.now() : undefined}
    >
      <FormFieldErrorsContext.Provider value={{ fields: state.fields, register }}>
        <fieldset disabled={pending} className="contents">
          {children}
        </fieldset>
      </FormFieldErrorsContext.Provider>
      {state.error && !shownByField && <p role="alert" className="basis-full text-sm text-red-600">{state.error}</p>}
      {state.ok && <p role="status" className="basis-full text-sm text-emerald-700">{state.ok}</p>}
      {state.token && (
        <code data-testid="new-token" className="block basis-full break-all rounded bg-stone-100 px-2 py-1 text-xs">
          {state.token}
        </code>
      )}
    </form>
  );
}
