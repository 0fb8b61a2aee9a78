'use client';
// The owner's hide and delete for a model. Delete is refused (with the reason) while saved
// work uses the model; hiding always works and keeps that work opening.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';

export function ModelOwnerActions({ modelId, archived }: { modelId: string; archived: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function send(init: RequestInit, then: () => void) {
    setBusy(true);
    setError(null);
    const res = await fetch(`/api/v1/models/${modelId}`, { headers: { 'content-type': 'application/json' }, ...init });
    setBusy(false);
    if (!res.ok) setError((await res.json().catch(() => null))?.error?.message ?? 'That did not work');
    else then();
  }
  return (
    <div className="space-y-1">
      <div className="flex gap-2">
        <Button type="button" variant="secondary" disabled={busy} onClick={() => send({ method: 'PATCH', body: JSON.stringify({ archived: !archived }) }, () => router.refresh())}>
          {archived ? 'Show in lists again' : 'Hide model'}
        </Button>
        <Button
          type="button"
          variant="danger"
          disabled={busy}
          onClick={() => window.confirm('Delete this model and its checkpoints? This cannot be undone.') && send({ method: 'DELETE' }, () => router.push('/models'))}
        >
          Delete model
        </Button>
      </div>
      {error && <p role="alert" className="max-w-md text-sm text-red-600">{error}</p>}
    </div>
  );
}
