'use client';

import { useEffect, useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/input';
import { ApiFailure, apiJson, waitForJob } from '@/components/jobs/job-client';
import { FieldError } from '@/components/ui/field-error';

export type FormLatent = { id: string; name: string; modelId: string; modelName: string; thumbnailUrl: string | null };

type Strip = { url: string; cell: number; frames: { index: number; seconds: number }[]; totalFrames: number };

const select = 'w-full rounded-md border border-stone-300 bg-white px-2 py-2 text-sm';

export function VideoForm({ latents }: { latents: FormLatent[] }) {
  const router = useRouter();
  const [keyframes, setKeyframes] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const byId = new Map(latents.map((l) => [l.id, l]));
  const modelId = keyframes.length ? byId.get(keyframes[0])?.modelId : undefined;
  const formRef = useRef<HTMLFormElement>(null);
  const [strip, setStrip] = useState<Strip | null>(null);
  const [previewing, setPreviewing] = useState(false);
  useEffect(() => setStrip(null), [keyframes]); // a strip of other keyframes would mislead

  const timing = (form: FormData) => {
    const num = (k: string) => Number(form.get(k));
    const size = String(form.get('size') ?? '');
    return {
      keyframes,
      space: form.get('space'),
      easing: form.get('easing'),
      secondsPerTransition: num('secondsPerTransition'),
      fps: num('fps'),
      loop: form.get('loop') === 'on',
      ...(size ? { size: Number(size) } : {}),
    };
  };

  async function preview() {
    if (!formRef.current) return;
    setPreviewing(true);
    setError(null);
    try {
      const { job } = await apiJson('/api/v1/videos/preview', { ...timing(new FormData(formRef.current)), frames: 6 });
      const done = await waitForJob(job.id);
      setStrip({ url: done.result.strip.url, cell: done.result.strip.cell, frames: done.result.frames, totalFrames: done.result.totalFrames });
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setPreviewing(false);
    }
  }

  // onSubmit, not a form action: React resets a form whose action ran, which lost every value on a refusal.
  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const { video } = await apiJson('/api/v1/videos', {
        name: String(form.get('name') ?? ''),
        ...timing(form),
        visibility: form.get('visibility'),
      });
      router.push(`/videos/${video.id}`);
    } catch (err) {
      setError((err as Error).message);
      setFields(err instanceof ApiFailure ? err.fields : {});
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} onSubmit={submit} onChange={() => setStrip(null)} noValidate className="grid gap-6 lg:grid-cols-2">
      <section className="min-w-0 space-y-3">
        <h2 className="font-semibold">Keyframes, in order</h2>
        <ol className="space-y-1" data-testid="keyframes">
          {keyframes.map((id, i) => (
            <li key={`${id}-${i}`} className="flex items-center gap-2 rounded border border-stone-200 bg-white px-3 py-1.5 text-sm">
              <span className="w-5 text-stone-400">{i + 1}.</span>
              <Thumb url={byId.get(id)?.thumbnailUrl ?? null} size="h-12 w-12" />
              <span className="min-w-0 flex-1 truncate">{byId.get(id)?.name}</span>
              <Button type="button" variant="secondary" onClick={() => setKeyframes((k) => k.filter((_, j) => j !== i))}>Remove</Button>
            </li>
          ))}
        </ol>
        <FieldError errors={fields} name="keyframes" />
        {keyframes.length < 2 && <p className="text-sm text-stone-500">Add two or more saved latents of the same model.</p>}
        <ul className="max-h-72 space-y-1 overflow-auto">
          {latents.map((l) => (
            <li key={l.id} className="flex items-center gap-2 text-sm">
              <Button type="button" variant="secondary" aria-label={`Add ${l.name}`} disabled={modelId !== undefined && l.modelId !== modelId} onClick={() => setKeyframes((k) => [...k, l.id])}>
                Add
              </Button>
              <Thumb url={l.thumbnailUrl} size="h-8 w-8" />
              <span className="min-w-0 truncate">{l.name}</span>
              <span className="text-xs text-stone-400">{l.modelName}</span>
            </li>
          ))}
        </ul>
      </section>
      <section className="grid min-w-0 content-start gap-3 sm:grid-cols-2">
        <Field label="Name"><Input name="name" required defaultValue="Interpolation" /><FieldError errors={fields} name="name" /></Field>
        <Field label="Interpolation">
          <select name="space" aria-label="Interpolation space" defaultValue="w" className={select}>
            <option value="w">W (linear)</option>
            <option value="z">Z (spherical)</option>
          </select>
          <FieldError errors={fields} name="space" />
        </Field>
        <Field label="Easing">
          <select name="easing" aria-label="Easing" defaultValue="ease-in-out" className={select}>
            <option value="linear">Linear</option>
            <option value="ease-in-out">Ease in-out</option>
            <option value="spline">Smooth spline through all keyframes</option>
          </select>
          <FieldError errors={fields} name="easing" />
        </Field>
        <Field label="Seconds per transition"><Input name="secondsPerTransition" type="number" step="0.1" min="0.1" defaultValue="2" /><FieldError errors={fields} name="secondsPerTransition" /></Field>
        <Field label="Frames per second"><Input name="fps" type="number" min="1" max="60" defaultValue="24" /><FieldError errors={fields} name="fps" /></Field>
        <Field label="Output size (px)" hint="even; empty = the model's resolution"><Input name="size" type="number" min="16" max="1024" step="2" /><FieldError errors={fields} name="size" /></Field>
        <Field label="Visibility">
          <select name="visibility" aria-label="Visibility" defaultValue="PRIVATE" className={select}>
            <option value="PRIVATE">Private</option>
            <option value="UNLISTED">Unlisted</option>
            <option value="PUBLIC">Public</option>
          </select>
          <FieldError errors={fields} name="visibility" />
        </Field>
        <label className="flex items-center gap-2 self-end text-sm"><input type="checkbox" name="loop" /> Loop back to the start</label>
        <div className="flex flex-wrap gap-2 sm:col-span-2">
          <Button type="button" variant="secondary" onClick={() => void preview()} disabled={previewing || busy || keyframes.length < 2}>
            {previewing ? 'Rendering preview…' : 'Preview frames'}
          </Button>
          <Button type="submit" disabled={busy || keyframes.length < 2}>Render video</Button>
        </div>
        {error && !Object.keys(fields).length && <p role="alert" className="text-sm text-red-600 sm:col-span-2">{error}</p>}
        {strip && <PreviewStrip strip={strip} />}
      </section>
    </form>
  );
}

function Thumb({ url, size }: { url: string | null; size: string }) {
  return url ? (
    // eslint-disable-next-line @next/next/no-img-element
    <img src={url} alt="" className={`${size} shrink-0 rounded border border-stone-200 object-cover`} data-testid="keyframe-thumbnail" />
  ) : (
    <span className={`${size} shrink-0 rounded bg-stone-100`} aria-hidden />
  );
}

const TILE = 64;

/** The preview job's PNG strip, one tile per in-between frame, each with its time. */
function PreviewStrip({ strip }: { strip: Strip }) {
  const n = strip.frames.length;
  return (
    <figure className="min-w-0 space-y-1 sm:col-span-2" data-testid="video-preview-strip">
      <figcaption className="text-xs text-stone-500">
        {n} of {strip.totalFrames} frames, before rendering ({strip.cell} px each). Change a setting to preview again.
      </figcaption>
      <ol className="flex gap-1 overflow-x-auto pb-1">
        {strip.frames.map((f, i) => (
          <li key={f.index} className="shrink-0 text-center text-[11px] text-stone-500" data-testid="video-preview-frame">
            <div
              role="img"
              aria-label={`Frame ${f.index + 1} at ${f.seconds} s`}
              className="rounded-sm bg-stone-100"
              style={{ width: TILE, height: TILE, backgroundImage: `url(${strip.url})`, backgroundSize: `${n * TILE}px ${TILE}px`, backgroundPosition: `-${i * TILE}px 0` }}
            />
            {f.seconds} s
          </li>
        ))}
      </ol>
    </figure>
  );
}
