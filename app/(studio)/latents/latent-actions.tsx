'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { FieldError } from '@/components/ui/field-error';
import { ApiFailure } from '@/components/jobs/job-client';
import { errorsByField } from '@/lib/forms/human-errors';

async function send(path: string, method: string, body?: unknown) {
  const res = await fetch(path, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
  if (!res.ok) {
    const data = await res.json().catch(() => null);
    throw new ApiFailure(data?.error?.message ?? `Request failed (${res.status})`, errorsByField(data?.error?.details));
  }
}

/** Rename / retag and delete one latent through the API, then refresh the list. */
export function LatentActions({ id, name, tags }: { id: string; name: string; tags: string[] }) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [draftName, setDraftName] = useState(name);
  const [draftTags, setDraftTags] = useState(tags.join(', '));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  async function act(work: () => Promise<void>) {
    setBusy(true);
    setError(null);
    setFields({});
    try {
      await work();
      setEditing(false);
      router.refresh();
    } catch (err) {
      setError((err as Error).message);
      setFields(err instanceof ApiFailure ? err.fields : {});
    } finally {
      setBusy(false);
    }
  }

  if (editing) {
    return (
      <form
        noValidate
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          void act(() => send(`/api/v1/latents/${id}`, 'PATCH', { name: draftName, tags: draftTags.split(',').map((t) => t.trim()).filter(Boolean) }));
        }}
      >
        <Input aria-label="New name" value={draftName} onChange={(e) => setDraftName(e.target.value)} required maxLength={100} />
        <FieldError errors={fields} name="name" />
        <Input aria-label="New tags" value={draftTags} onChange={(e) => setDraftTags(e.target.value)} placeholder="Tags, comma separated" />
        <FieldError errors={fields} name="tags" />
        <div className="flex gap-2">
          <Button type="submit" disabled={busy}>Save</Button>
          <Button type="button" variant="secondary" onClick={() => setEditing(false)}>Cancel</Button>
        </div>
        {error && !Object.keys(fields).length && <p role="alert" className="text-xs text-red-700">{error}</p>}
      </form>
    );
  }
  return (
    <div className="flex flex-wrap gap-2">
      <Button variant="secondary" onClick={() => setEditing(true)}>Rename</Button>
      <Button
        variant="danger"
        disabled={busy}
        onClick={() => {
          if (window.confirm(`Delete “${name}”? This cannot be undone.`)) void act(() => send(`/api/v1/latents/${id}`, 'DELETE'));
        }}
      >
        Delete
      </Button>
      {error && <p role="alert" className="basis-full text-xs text-red-700">{error}</p>}
    </div>
  );
}
