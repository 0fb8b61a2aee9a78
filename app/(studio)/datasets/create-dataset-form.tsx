'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/input';
import { FieldError } from '@/components/ui/field-error';
import { errorsByField } from '@/lib/forms/human-errors';

export function CreateDatasetForm({ workspace }: { workspace: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    setFields({});
    const res = await fetch('/api/v1/datasets', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: data.get('name'), workspace, resolution: Number(data.get('resolution')), fit: data.get('fit'), mirror: data.get('mirror') === 'on' }),
    });
    const body = await res.json();
    setPending(false);
    if (!res.ok) {
      setFields(errorsByField(body.error?.details));
      return setError(body.error?.message ?? 'Could not create the dataset');
    }
    router.push(`/datasets/${body.dataset.id}`);
  }
  return (
    <form onSubmit={submit} noValidate className="grid gap-3 rounded-lg border border-stone-200 bg-white p-4 sm:grid-cols-5 sm:items-end">
      <div className="sm:col-span-2">
        <Field label="New dataset">
          <Input name="name" placeholder="e.g. Studio portraits" required aria-label="Dataset name" />
          <FieldError errors={fields} name="name" />
        </Field>
      </div>
      <Field label="Resolution">
        <select name="resolution" defaultValue="64" aria-label="Resolution" className="w-full rounded-md border border-stone-300 bg-white px-2 py-2 text-sm">
          {[32, 64, 128, 256, 512, 1024].map((r) => (
            <option key={r} value={r}>{r} px</option>
          ))}
        </select>
        <FieldError errors={fields} name="resolution" />
      </Field>
      <Field label="Make square by">
        <select name="fit" defaultValue="crop" aria-label="Make square by" className="w-full rounded-md border border-stone-300 bg-white px-2 py-2 text-sm">
          <option value="crop">centre crop</option>
          <option value="pad">padding</option>
        </select>
        <FieldError errors={fields} name="fit" />
      </Field>
      <div className="flex items-center gap-3">
        <label className="flex items-center gap-1 text-sm"><input type="checkbox" name="mirror" /> mirror</label>
        <Button type="submit" disabled={pending}>Create</Button>
      </div>
      {error && !Object.keys(fields).length && <p role="alert" className="text-sm text-red-600 sm:col-span-5">{error}</p>}
    </form>
  );
}
