'use client';

import { useState } from 'react';
import type { VerifyResult } from '@/lib/provenance/verify-file';
import { FieldError } from '@/components/ui/field-error';
import { errorsByField } from '@/lib/forms/human-errors';
import { FileDrop } from '@/components/ui/file-drop';
import { UploadProgress, type UploadState } from '@/components/ui/upload-progress';
import { uploadWithProgress } from '@/lib/upload/upload-with-progress';

type State = { kind: 'idle' } | { kind: 'busy' } | { kind: 'error'; message: string; fields?: Record<string, string> } | { kind: 'done'; result: VerifyResult };

export function VerifyForm() {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [upload, setUpload] = useState<UploadState | null>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const file = data.get('file');
    if (!(file instanceof File) || file.size === 0) return setState({ kind: 'error', message: 'Choose a file to verify first', fields: { file: 'Choose a file to verify first' } });
    setState({ kind: 'busy' });
    setUpload({ loaded: 0, total: file.size, phase: 'uploading' });
    try {
      const res = await uploadWithProgress('/api/v1/verify', data, {
        onProgress: (loaded, total) => setUpload({ loaded, total, phase: 'uploading' }),
        onSent: () => setUpload((u) => (u ? { ...u, loaded: u.total, phase: 'processing' } : u)),
      });
      if (res.status >= 400) setState({ kind: 'error', message: res.body?.error?.message ?? `Failed (${res.status})`, fields: errorsByField(res.body?.error?.details) });
      else setState({ kind: 'done', result: res.body.result });
    } catch (err) {
      setState({ kind: 'error', message: (err as Error).message });
    } finally {
      setUpload(null);
    }
  }

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} noValidate className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
        <FileDrop required ariaLabel="File to verify" accept="image/png,video/mp4,video/webm,image/*,video/*" label="Drop an image or video here, or choose one" hint="PNG, MP4 or WebM downloaded from here, or any other file" testId="verify-file" disabled={state.kind === 'busy'} />
        <button type="submit" disabled={state.kind === 'busy'} className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">
          {state.kind === 'busy' ? 'Checking…' : 'Verify'}
        </button>
        <FieldError errors={state.kind === 'error' ? state.fields : undefined} name="file" />
        <UploadProgress state={upload} processingText="Uploaded; looking up its provenance…" />
      </form>
      {state.kind === 'error' && !state.fields?.file && <p role="alert" className="text-sm text-red-600">{state.message}</p>}
      {state.kind === 'done' && <Result result={state.result} />}
    </div>
  );
}

function Result({ result }: { result: VerifyResult }) {
  if (result.status === 'unknown') {
    return (
      <div role="status" data-testid="verify-result" data-status="unknown" className="rounded-lg border border-stone-300 bg-stone-50 p-4 text-sm">
        <p className="font-semibold">Unknown</p>
        <p className="mt-1 text-stone-600">{result.message}</p>
        <p className="mt-2 text-xs text-stone-500">sha256 {result.sha256}</p>
      </div>
    );
  }
  const r = result.record;
  return (
    <div role="status" data-testid="verify-result" data-status="found" className="space-y-2 rounded-lg border border-emerald-300 bg-emerald-50 p-4 text-sm">
      <p className="font-semibold text-emerald-800">Made on Latent Atelier — AI-generated ({r.artifactType.toLowerCase()})</p>
      <p className="text-stone-700">
        Found by {result.match === 'embedded-id' ? 'its embedded provenance id' : 'its content hash (metadata missing)'}
        {result.match === 'embedded-id' && !result.contentMatches && ' — but the content differs from what we handed out: it was edited or re-encoded after download.'}
      </p>
      <dl className="grid grid-cols-[9rem_1fr] gap-y-1">
        <dt className="text-stone-500">Provenance id</dt><dd><code>{r.id}</code></dd>
        <dt className="text-stone-500">Made</dt><dd>{new Date(r.createdAt).toISOString().replace('T', ' ').slice(0, 16)} UTC</dd>
        <dt className="text-stone-500">Software</dt><dd>{r.softwareVersion}</dd>
        <dt className="text-stone-500">Models</dt><dd>{r.models.map((m) => `${m.name} (${m.licence ?? 'no licence'})`).join(' ← ') || '—'}</dd>
        <dt className="text-stone-500">Licence</dt><dd>{r.licence?.summary ?? '—'}</dd>
      </dl>
      {r.attribution && <p className="rounded bg-white px-3 py-2">{r.attribution}</p>}
      <p className="text-xs text-stone-500">
        <a href={r.pageUrl} className="text-accent hover:underline">Full record</a> (for those who may see the item: its inputs, who made it, parents).
      </p>
    </div>
  );
}
