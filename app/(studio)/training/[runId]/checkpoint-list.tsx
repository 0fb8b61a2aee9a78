'use client';
// The run's checkpoints. A run that did not complete leaves a model nobody can use until its
// owner promotes one of these checkpoints; hidden ones are never the model's current one.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';

type Checkpoint = { id: string; label: string; hidden: boolean };

export function CheckpointList({ modelId, ready, finished, checkpoints }: { modelId: string; ready: boolean; finished: boolean; checkpoints: Checkpoint[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function call(path: string, init: RequestInit) {
    setBusy(true);
    setError(null);
    const res = await fetch(`/api/v1/models/${modelId}/checkpoints/${path}`, { headers: { 'content-type': 'application/json' }, ...init });
    setBusy(false);
    if (!res.ok) setError((await res.json().catch(() => null))?.error?.message ?? 'That did not work');
    else router.refresh();
  }
  if (checkpoints.length === 0) return null;
  return (
    <section className="space-y-2 rounded-lg border border-stone-200 bg-white p-4" data-testid="checkpoints">
      <h2 className="font-semibold">Checkpoints</h2>
      {!ready && finished && (
        <p className="text-sm text-amber-800" data-testid="model-not-usable">
          This run did not complete, so its model is not usable. Promote a checkpoint to use the model from that point on.
        </p>
      )}
      <ul className="divide-y divide-stone-100 text-sm">
        {checkpoints.map((c) => (
          <li key={c.id} className="flex flex-wrap items-center gap-2 py-1.5">
            <span className={c.hidden ? 'text-stone-400 line-through' : ''}>{c.label}</span>
            {c.hidden && <span className="text-xs text-stone-500">hidden</span>}
            <span className="ml-auto flex gap-2">
              {!ready && finished && (
                <Button type="button" disabled={busy} onClick={() => call(`${c.id}/promote`, { method: 'POST' })}>Promote</Button>
              )}
              {ready && (
                <Button type="button" variant="secondary" disabled={busy} onClick={() => call(c.id, { method: 'PATCH', body: JSON.stringify({ hidden: !c.hidden }) })}>
                  {c.hidden ? 'Show' : 'Hide'}
                </Button>
              )}
            </span>
          </li>
        ))}
      </ul>
      {error && <p role="alert" className="text-sm text-red-600">{error}</p>}
    </section>
  );
}
