'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/input';
import { FieldError } from '@/components/ui/field-error';
import { errorsByField } from '@/lib/forms/human-errors';
import { FileDrop } from '@/components/ui/file-drop';
import { UploadProgress, type UploadState } from '@/components/ui/upload-progress';
import { uploadWithProgress } from '@/lib/upload/upload-with-progress';

type License = { id: string; spdxId: string | null; name: string };

/** Uploads an official-export zip to POST /models/import and opens the new model. */
export function ImportModelForm({ licenses, maxMb }: { licenses: License[]; maxMb: number }) {
  const router = useRouter();
  const [upload, setUpload] = useState<UploadState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const busy = upload !== null;

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const file = form.get('file');
    if (file instanceof File && file.size > maxMb * 1024 * 1024) {
      setFields({ file: `The file is larger than the ${maxMb} MB limit.` });
      return;
    }
    setError(null);
    setFields({});
    setUpload({ loaded: 0, total: file instanceof File ? file.size : 0, phase: 'uploading' });
    try {
      const res = await uploadWithProgress('/api/v1/models/import', form, {
        onProgress: (loaded, total) => setUpload({ loaded, total, phase: 'uploading' }),
        onSent: () => setUpload((u) => (u ? { ...u, loaded: u.total, phase: 'processing' } : u)),
      });
      if (res.status >= 400) {
        const byField = errorsByField(res.body?.error?.details);
        setFields(byField);
        if (Object.keys(byField).length) return setUpload(null);
        throw new Error(res.body?.error?.message ?? `Upload failed (${res.status})`);
      }
      router.push(`/models/${res.body.model.id}`);
    } catch (err) {
      setError((err as Error).message);
      setUpload(null);
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
      <div className="sm:col-span-2">
        <FileDrop accept=".zip,application/zip" required ariaLabel="Model zip" label="Drop the model zip here, or choose it" hint={`Up to ${maxMb} MB`} testId="model-zip" disabled={busy} />
        <FieldError errors={fields} name="file" />
      </div>
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
        {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
      </div>
      <div className="sm:col-span-2">
        <UploadProgress state={upload} processingText="Uploaded; checking the weights and importing…" />
      </div>
    </form>
  );
}
