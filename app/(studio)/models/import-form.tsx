'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/input';
import { Spinner } from '@/components/ui/spinner';
import { FieldError } from '@/components/ui/field-error';
import { errorsByField } from '@/lib/forms/human-errors';

type License = { id: string; spdxId: string | null; name: string };

/** Uploads an official-export zip to POST /models/import and opens the new model. */
export function ImportModelForm({ licenses, maxMb }: { licenses: License[]; maxMb: number }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const file = form.get('file');
    if (file instanceof File && file.size > maxMb * 1024 * 1024) {
      setFields({ file: `The file is larger than the ${maxMb} MB limit.` });
      return;
    }
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const res = await fetch('/api/v1/models/import', { method: 'POST', body: form });
      const data = await res.json().catch(() => null);
      if (!res.ok) {
        const byField = errorsByField(data?.error?.details);
        setFields(byField);
        if (Object.keys(byField).length) return setBusy(false);
        throw new Error(data?.error?.message ?? `Upload failed (${res.status})`);
      }
      router.push(`/models/${data.model.id}`);
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="grid gap-3 rounded-lg border border-stone-200 bg-white p-5 sm:grid-cols-2">
      <h2 className="font-semibold sm:col-span-2">Import a model</h2>
      <p className="text-sm text-stone-600 sm:col-span-2">
        A zip of the official StyleGAN2-ADA export: <code className="rounded bg-stone-100 px-1">config.json</code> with{' '}
        <code className="rounded bg-stone-100 px-1">G_ema.safetensors</code> (or <code className="rounded bg-stone-100 px-1">G.safetensors</code>) and optionally{' '}
        <code className="rounded bg-stone-100 px-1">D.safetensors</code>, as written by <code className="rounded bg-stone-100 px-1">tools/export_stylegan2_ada.py</code>. Up to {maxMb} MB.
      </p>
      <Field label="Zip file">
        <input name="file" type="file" accept=".zip,application/zip" required aria-label="Model zip" className="block w-full text-sm" />
        <FieldError errors={fields} name="file" />
      </Field>
      <Field label="Name">
        <Input name="name" required maxLength={100} placeholder="e.g. Cartoon faces 64" />
        <FieldError errors={fields} name="name" />
      </Field>
      <Field label="Licence">
        <select name="license" required defaultValue="" aria-label="Licence" className="w-full rounded-md border border-stone-300 bg-white px-2 py-2 text-sm">
          <option value="" disabled>Choose the licence of these weights…</option>
          {licenses.map((l) => (
            <option key={l.id} value={l.spdxId ?? l.id}>{l.name}</option>
          ))}
        </select>
        <FieldError errors={fields} name="license" />
      </Field>
      <Field label="Visibility">
        <select name="visibility" defaultValue="PRIVATE" aria-label="Visibility" className="w-full rounded-md border border-stone-300 bg-white px-2 py-2 text-sm">
          <option value="PRIVATE">Private (you and your team)</option>
          <option value="UNLISTED">Unlisted (anyone with the link)</option>
          <option value="PUBLIC">Public</option>
        </select>
        <FieldError errors={fields} name="visibility" />
      </Field>
      <div className="flex items-center gap-3 sm:col-span-2">
        <Button type="submit" disabled={busy}>{busy ? 'Uploading…' : 'Import model'}</Button>
        {busy && <Spinner label="Uploading" />}
        {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
      </div>
    </form>
  );
}
