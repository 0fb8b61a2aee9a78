'use client';

import { useEffect, useState } from 'react';
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { apiJson } from '@/components/jobs/job-client';
import type { ProjectionView } from '@/lib/projection/get-projection';

const FINISHED = ['DONE', 'FAILED', 'CANCELLED'];

function LossCurve({ values }: { values: number[] }) {
  if (values.length < 2) return <div className="h-24 rounded bg-stone-50" />;
  const logs = values.map((v) => Math.log10(Math.max(v, 1e-12)));
  const lo = Math.min(...logs);
  const hi = Math.max(...logs);
  const points = logs.map((v, i) => `${(100 * i) / (logs.length - 1)},${hi === lo ? 50 : 95 - (90 * (v - lo)) / (hi - lo)}`).join(' ');
  return (
    <svg viewBox="0 0 100 100" preserveAspectRatio="none" className="h-24 w-full rounded bg-stone-50" role="img" aria-label="Loss curve (log scale)" data-testid="loss-curve">
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" vectorEffect="non-scaling-stroke" className="text-accent" />
    </svg>
  );
}

function Picture({ src, label, testId }: { src: string | null; label: string; testId: string }) {
  return (
    <figure className="space-y-1">
      {src ? (
        // eslint-disable-next-line @next/next/no-img-element
        <img src={src} alt={label} className="aspect-square w-full rounded bg-stone-100 [image-rendering:pixelated]" data-testid={testId} />
      ) : (
        <div className="flex aspect-square w-full items-center justify-center rounded bg-stone-100 text-xs text-stone-500">deleted</div>
      )}
      <figcaption className="text-center text-xs text-stone-600">{label}</figcaption>
    </figure>
  );
}

export function ProjectionLive({ initial, likenessText }: { initial: ProjectionView; likenessText: string }) {
  const [p, setP] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState(false);
  const done = FINISHED.includes(p.status);

  useEffect(() => {
    if (done) return;
    const timer = setInterval(async () => {
      try {
        const { projection } = await apiJson(`/api/v1/projections/${p.id}`);
        setP(projection);
      } catch (err) {
        setError((err as Error).message);
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [done, p.id]);

  const act = async (path: string, body?: unknown, method?: string) => {
    setError(null);
    try {
      const res = await apiJson(path, body, method);
      if (res.projection) setP(res.projection);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const bust = `?v=${p.stepsDone}-${p.status}`;

  return (
    <div className="space-y-4">
      <p className="text-sm text-stone-600" data-testid="projection-status">
        {p.status === 'DONE'
          ? `Done: ${p.steps} steps, ${p.psnr?.toFixed(1)} dB PSNR against the aligned photo.`
          : p.status === 'FAILED'
            ? `Failed: ${p.error ?? 'unknown error'}`
            : p.status === 'CANCELLED'
              ? `Cancelled after ${p.stepsDone} of ${p.steps} steps.`
              : `Searching… step ${p.stepsDone} of ${p.steps}`}
      </p>
      {!done && (
        <div className="h-2 w-full overflow-hidden rounded bg-stone-200">
          <div className="h-full bg-accent transition-all" style={{ width: `${(100 * p.stepsDone) / p.steps}%` }} />
        </div>
      )}
      <div className={`grid gap-3 ${done && p.status === 'DONE' ? 'grid-cols-3' : 'grid-cols-2'} max-w-3xl`}>
        <Picture src={p.images.target ? p.images.target : null} label="Your aligned photo" testId="img-target" />
        <Picture src={(p.status === 'DONE' ? p.images.result : p.images.current) + bust} label={p.status === 'DONE' ? 'Projection' : 'Current reconstruction'} testId="img-current" />
        {p.status === 'DONE' && <Picture src={p.images.difference} label="Difference (×4)" testId="img-difference" />}
      </div>
      <section className="max-w-3xl space-y-1">
        <h2 className="text-sm font-semibold">Loss</h2>
        <LossCurve values={p.lossCurve} />
      </section>
      {p.video && (
        <section className="max-w-sm space-y-1">
          <h2 className="text-sm font-semibold">The search converging</h2>
          <video controls loop muted playsInline className="w-full rounded bg-black [image-rendering:pixelated]" data-testid="convergence-video">
            <source src={p.video.webm} type="video/webm" />
            <source src={p.video.mp4} type="video/mp4" />
          </video>
        </section>
      )}
      <div className="flex flex-wrap gap-2">
        {!done && <Button variant="secondary" onClick={() => act(`/api/v1/projections/${p.id}/cancel`, {})} data-testid="projection-cancel">Cancel</Button>}
        {p.latentId && (
          <Link href={`/explore?model=${p.model.id}&latent=${p.latentId}`} className="inline-flex items-center rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-white" data-testid="open-in-explorer">
            Open in the explorer
          </Link>
        )}
        {p.photo.stored && (
          <Button variant="danger" onClick={() => act(`/api/v1/projections/${p.id}/photo`, undefined, 'DELETE')} data-testid="delete-photo">Delete my photo</Button>
        )}
      </div>
      {p.latentId && !p.shareConfirmedAt && (
        <section className="max-w-2xl space-y-2 rounded-md border border-stone-200 bg-white p-3 text-sm">
          <h2 className="font-semibold">Share the result</h2>
          <p className="text-stone-600">The latent is private. It was derived from an uploaded photo, so sharing it shares a likeness of a real person.</p>
          <label className="flex items-start gap-2">
            <input type="checkbox" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} data-testid="confirm-likeness" /> {likenessText}
          </label>
          <Button disabled={!confirm} onClick={() => act(`/api/v1/projections/${p.id}/share`, { confirmLikeness: true, visibility: 'UNLISTED' })}>Share (unlisted)</Button>
        </section>
      )}
      {p.shareConfirmedAt && <p className="text-sm text-stone-600">You confirmed the right to share this likeness; the latent is shared.</p>}
      <p className="text-xs text-stone-500" data-testid="projection-provenance">
        Provenance: {p.provenance.derivedFrom} (sha256 {p.provenance.photoSha256.slice(0, 12)}…); model {p.model.name}; {p.settings.mode === 'wplus' ? 'W+ with noise maps' : 'W'}; {p.steps} steps.
      </p>
      {error && <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">{error}</p>}
    </div>
  );
}
