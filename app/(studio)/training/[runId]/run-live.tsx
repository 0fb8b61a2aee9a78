'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import type { RunView, TickRow } from '@/lib/training/training-runs';
import { JobErrorNotice } from '@/components/jobs/job-error-notice';
import { LossChart } from './loss-chart';

type Progress = Pick<RunView, 'state' | 'kimg' | 'targetKimg' | 'progress' | 'augmentP' | 'secPerKimg' | 'etaSeconds' | 'cancelRequested' | 'error' | 'resultModel'>;

function duration(s: number | null) {
  if (s === null || !Number.isFinite(s)) return '—';
  if (s < 90) return `${Math.round(s)} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

/** The run page's live part: one EventSource feeding progress, loss curves, samples and the log. */
export function RunLive({ initial, initialLog }: { initial: RunView; initialLog: string }) {
  const router = useRouter();
  const [p, setP] = useState<Progress>(initial);
  const [ticks, setTicks] = useState<TickRow[]>(initial.ticks);
  const [log, setLog] = useState(initialLog);
  const [grid, setGrid] = useState(initial.sampleGridUrl);
  const [checkpoints, setCheckpoints] = useState(initial.checkpoints);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const [retrying, setRetrying] = useState(false);
  const finished = ['COMPLETED', 'FAILED', 'CANCELLED'].includes(p.state);

  useEffect(() => {
    if (['COMPLETED', 'FAILED', 'CANCELLED'].includes(initial.state)) return;
    const es = new EventSource(`/api/v1/training-runs/${initial.id}/events`);
    let freshTicks = true;
    es.addEventListener('progress', (e) => setP(JSON.parse((e as MessageEvent).data)));
    es.addEventListener('tick', (e) => {
      const t = JSON.parse((e as MessageEvent).data) as TickRow;
      setTicks((prev) => {
        const base = freshTicks ? [] : prev;
        freshTicks = false;
        return [...base.filter((x) => x.tick < t.tick), t];
      });
    });
    es.addEventListener('log', (e) => {
      const { text, from } = JSON.parse((e as MessageEvent).data) as { text: string; from: number };
      setLog((prev) => prev.slice(0, from) + text);
    });
    es.addEventListener('snapshot', (e) => {
      const d = JSON.parse((e as MessageEvent).data);
      setCheckpoints(d.checkpoints);
      if (d.sampleGridUrl) setGrid(d.sampleGridUrl);
    });
    es.addEventListener('done', (e) => {
      const run = JSON.parse((e as MessageEvent).data) as RunView;
      setP(run);
      setTicks(run.ticks);
      setCheckpoints(run.checkpoints);
      if (run.sampleGridUrl) setGrid(run.sampleGridUrl);
      es.close();
      router.refresh(); // the checkpoint list below: promote or hide once the run has ended
    });
    return () => es.close();
  }, [initial.id, initial.state]);

  async function cancel() {
    if (!window.confirm('Stop this run? It stops after the current step and keeps its last snapshot; its checkpoints can be promoted to a usable model.')) return;
    setCancelError(null);
    const res = await fetch(`/api/v1/training-runs/${initial.id}/cancel`, { method: 'POST' });
    if (!res.ok) setCancelError((await res.json()).error?.message ?? 'Could not cancel');
    else setP((prev) => ({ ...prev, cancelRequested: true }));
  }

  // A failed or cancelled run resumes from its last snapshot as a new attempt of its job.
  async function retry() {
    if (!initial.jobId) return;
    setRetrying(true);
    setCancelError(null);
    const res = await fetch(`/api/v1/jobs/${initial.jobId}/retry`, { method: 'POST' });
    if (res.ok) window.location.reload();
    else {
      setCancelError((await res.json().catch(() => null))?.error?.message ?? 'Could not retry');
      setRetrying(false);
    }
  }

  const pct = Math.round(p.progress * 100);
  return (
    <div className="space-y-6">
      <section className="space-y-2 rounded-lg border border-stone-200 bg-white p-4">
        <div className="flex flex-wrap items-center gap-3">
          <span className="rounded bg-stone-100 px-2 py-0.5 text-xs font-medium" data-testid="run-state">{p.state}</span>
          <span className="text-sm" data-testid="run-kimg">{p.kimg.toFixed(3)} / {p.targetKimg} kimg</span>
          <span className="text-sm text-stone-500">augment p {p.augmentP.toFixed(3)}</span>
          <span className="text-sm text-stone-500">{p.secPerKimg ? `${p.secPerKimg.toFixed(1)} s/kimg` : ''}</span>
          <span className="text-sm text-stone-500">{!finished ? `ETA ${duration(p.etaSeconds)}` : ''}</span>
          <span className="ml-auto flex gap-2">
            {!finished && (
              <Button variant="danger" type="button" onClick={cancel} disabled={p.cancelRequested}>
                {p.cancelRequested ? 'Stopping after this step…' : 'Cancel'}
              </Button>
            )}
            {p.resultModel?.ready && checkpoints.length > 0 && (
              <Link href={p.resultModel.exploreUrl} className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-white hover:opacity-90" data-testid="open-in-explorer">
                Open in explorer
              </Link>
            )}
          </span>
        </div>
        <div className="h-3 w-full overflow-hidden rounded bg-stone-100" role="progressbar" aria-label="Training progress" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
          <div className="h-full bg-accent transition-all" style={{ width: `${pct}%` }} />
        </div>
        {p.state === 'FAILED' ? (
          <JobErrorNotice testId="run-failed" message={`Training failed: ${p.error ?? 'no reason recorded'}`} onRetry={initial.jobId ? retry : undefined} retryLabel="Resume from last snapshot" busy={retrying} />
        ) : (
          p.error && <p className="text-sm text-red-600">Last attempt: {p.error}</p>
        )}
        {cancelError && <p role="alert" className="text-sm text-red-600">{cancelError}</p>}
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <section className="space-y-2 rounded-lg border border-stone-200 bg-white p-4">
          <h2 className="font-semibold">Losses</h2>
          <LossChart ticks={ticks} />
        </section>
        <section className="space-y-2 rounded-lg border border-stone-200 bg-white p-4">
          <h2 className="font-semibold">Latest samples</h2>
          {grid ? (
            // eslint-disable-next-line @next/next/no-img-element
            <img src={grid} alt="Samples from the latest snapshot" data-testid="sample-grid" className="w-full rounded" style={{ imageRendering: 'pixelated' }} />
          ) : (
            <p className="text-sm text-stone-500">The first snapshot's samples appear here.</p>
          )}
          <p className="text-xs text-stone-500">{checkpoints.length} checkpoint{checkpoints.length === 1 ? '' : 's'}{checkpoints.length ? `, latest ${checkpoints.at(-1)!.label}` : ''}</p>
        </section>
      </div>

      <section className="space-y-2">
        <h2 className="font-semibold">Log</h2>
        <pre className="max-h-80 overflow-auto rounded-lg bg-stone-900 p-3 text-xs text-stone-100" data-testid="run-log">{log || 'Waiting for a worker…'}</pre>
      </section>
    </div>
  );
}
