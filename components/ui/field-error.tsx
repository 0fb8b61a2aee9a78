'use client';
// A form's problem with one field, shown right under it, the same way on every page. `errors`
// maps field paths (as the API's error details name them, e.g. "sources.2.layers") to messages
// already in words (lib/forms/human-errors). Inside an <ActionForm> the errors come from the
// server action's answer, and the form leaves out its own copy of a message shown here.
import { createContext, useContext, useEffect } from 'react';

type FormFieldErrors = { fields: Record<string, string> | undefined; register: (name: string) => void };
export const FormFieldErrorsContext = createContext<FormFieldErrors | null>(null);

export function FieldError({ errors, name, id }: { errors?: Record<string, string>; name: string; id?: string }) {
  const form = useContext(FormFieldErrorsContext);
  const register = form?.register;
  useEffect(() => register?.(name), [register, name]);
  const message = (errors ?? form?.fields)?.[name];
  if (!message) return null;
  return (
    <p role="alert" id={id} data-field-error={name} className="basis-full text-sm text-red-600">
      {message}
    </p>
  );
}
