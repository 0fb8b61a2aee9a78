'use client';

import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/input';
import { ApiFailure, apiJson } from '@/components/jobs/job-client';
import { FieldError } from '@/components/ui/field-error';

export type FormLatent = { id: string; name: string; modelId: string; modelName: string };

const select = 'w-full rounded-md border border-stone-300 bg-white px-2 py-2 text-sm';

export function VideoForm({ latents }: { latents: FormLatent[] }) {
  const router = useRouter();
  const [keyframes, setKeyframes] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const byId = new Map(latents.map((l) => [l.id, l]));
  const modelId = keyframes.length ? byId.get(keyframes[0])?.modelId : undefined;

  // onSubmit, not a form action: React resets a form whose action ran, which lost every value on a refusal.
  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const num = (k: string) => Number(form.get(k));
      const size = String(form.get('size') ?? '');
      const { video } = await apiJson('/api/v1/videos', {
        name: String(form.get('name') ?? ''),
        keyframes,
        space: form.get('space'),
        easing: form.get('easing'),
        secondsPerTransition: num('secondsPerTransition'),
        fps: num('fps'),
        loop: form.get('loop') === 'on',
        ...(size ? { size: Number(size) } : {}),
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
    <form onSubmit={submit} noValidate className="grid gap-6 lg:grid-cols-2">
      <section className="space-y-3">
        <h2 className="font-semibold">Keyframes, in order</h2>
        <ol className="space-y-1" data-testid="keyframes">
          {keyframes.map((id, i) => (
            <li key={`${id}-${i}`} className="flex items-center gap-2 rounded border border-stone-200 bg-white px-3 py-1.5 text-sm">
              <span className="w-5 text-stone-400">{i + 1}.</span>
              <span className="flex-1">{byId.get(id)?.name}</span>
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
              <span>{l.name}</span>
              <span className="text-xs text-stone-400">{l.modelName}</span>
            </li>
          ))}
        </ul>
      </section>
      <section className="grid content-start gap-3 sm:grid-cols-2">
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
        <div className="sm:col-span-2">
          <Button type="submit" disabled={busy || keyframes.length < 2}>Render video</Button>
          {error && !Object.keys(fields).length && <p role="alert" className="mt-2 text-sm text-red-600">{error}</p>}
        </div>
      </section>
    </form>
  );
}
