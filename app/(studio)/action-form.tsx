'use client';

import { useActionState } from 'react';
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
  return (
    <form action={formAction} className={className} key={resetOnSuccess && state.ok ? state.ok + Date.now() : undefined}>
      <fieldset disabled={pending} className="contents">
        {children}
      </fieldset>
      {state.error && <p role="alert" className="basis-full text-sm text-red-600">{state.error}</p>}
      {state.ok && <p role="status" className="basis-full text-sm text-emerald-700">{state.ok}</p>}
      {state.token && (
        <code data-testid="new-token" className="block basis-full break-all rounded bg-stone-100 px-2 py-1 text-xs">
          {state.token}
        </code>
      )}
    </form>
  );
}
