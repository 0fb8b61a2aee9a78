// A form's problem with one field, shown right under it, the same way on every page. `errors`
// maps field paths (as the API's error details name them, e.g. "sources.2.layers") to messages
// already in words (lib/forms/human-errors).
export function FieldError({ errors, name, id }: { errors: Record<string, string> | undefined; name: string; id?: string }) {
  const message = errors?.[name];
  if (!message) return null;
  return (
    <p role="alert" id={id} data-field-error={name} className="basis-full text-sm text-red-600">
      {message}
    </p>
  );
}
