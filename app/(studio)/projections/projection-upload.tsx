'use client';

import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';

type ModelOption = { id: string; name: string; resolution: number };
type Face = { index: number; score: number; box: { x: number; y: number; width: number; height: number } };

const select = 'w-full rounded-md border border-stone-300 bg-white px-2 py-2 text-sm';

export function ProjectionUpload({ models }: { models: ModelOption[] }) {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<{ url: string; width: number; height: number } | null>(null);
  const [faces, setFaces] = useState<Face[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function choose(f: File | null) {
    setFile(f);
    setFaces(null);
    setError(null);
    if (preview) URL.revokeObjectURL(preview.url);
    setPreview(null);
    if (!f) return;
    const url = URL.createObjectURL(f);
    const img = new Image();
    img.onload = () => setPreview({ url, width: img.naturalWidth, height: img.naturalHeight });
    img.src = url;
  }

  async function send(form: HTMLFormElement, faceIndex?: number) {
    if (!file) return setError('Choose a photo first');
    setBusy(true);
    setError(null);
    const data = new FormData(form);
    data.set('photo', file);
    data.set('align', data.get('align') === 'on' ? 'true' : 'false');
    if (faceIndex !== undefined) data.set('faceIndex', String(faceIndex));
    const res = await fetch('/api/v1/projections', { method: 'POST', body: data });
    const body = await res.json().catch(() => null);
    if (res.ok) {
      router.push(`/projections/${body.projection.id}`);
      return;
    }
    setBusy(false);
    if (body?.error?.details?.reason === 'choose_face') setFaces(body.error.details.faces);
    setError(body?.error?.message ?? `Upload failed (${res.status})`);
  }

  return (
    <form
      className="grid gap-4 rounded-lg border border-stone-200 bg-white p-4 md:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        void send(e.currentTarget);
      }}
      data-testid="projection-form"
    >
      <div className="space-y-3">
        <label className="block text-sm font-medium">
          Photo (PNG, JPEG or WebP)
          <input type="file" accept="image/png,image/jpeg,image/webp" className="mt-1 block w-full text-sm" onChange={(e) => choose(e.target.files?.[0] ?? null)} data-testid="photo-input" />
        </label>
        {preview && (
          <div className="relative w-full max-w-md">
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img src={preview.url} alt="Your photo" className="w-full rounded" />
            {faces?.map((f) => (
              <button
                key={f.index}
                type="button"
                aria-label={`Use face ${f.index + 1}`}
                data-testid={`face-${f.index}`}
                className="absolute rounded border-2 border-amber-400 bg-amber-300/20 text-xs font-semibold text-white hover:bg-amber-300/50"
                style={{ left: `${(100 * f.box.x) / preview.width}%`, top: `${(100 * f.box.y) / preview.height}%`, width: `${(100 * f.box.width) / preview.width}%`, height: `${(100 * f.box.height) / preview.height}%` }}
                onClick={(e) => void send(e.currentTarget.form!, f.index)}
              >
                {f.index + 1}
              </button>
            ))}
          </div>
        )}
        {faces && <p className="text-sm text-stone-700">Several faces: tap the one to search for.</p>}
      </div>
      <div className="space-y-3">
        <label className="block text-sm font-medium">
          Model
          <select name="modelId" className={select} data-testid="projection-model">
            {models.map((m) => (
              <option key={m.id} value={m.id}>{m.name} ({m.resolution} px)</option>
            ))}
          </select>
        </label>
        <label className="block text-sm font-medium">
          Search
          <select name="mode" className={select} defaultValue="wplus">
            <option value="wplus">W+ and noise maps (closest)</option>
            <option value="w">W only (easiest to edit)</option>
          </select>
        </label>
        <label className="block text-sm font-medium">
          Steps
          <input name="steps" type="number" min={10} max={2000} defaultValue={300} className={select} data-testid="projection-steps" />
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input name="align" type="checkbox" defaultChecked /> Find and align the face (turn off for pictures that are not faces)
        </label>
        <label className="block text-sm font-medium">
          Name
          <input name="name" type="text" maxLength={120} defaultValue="Projection of a photo" className={select} />
        </label>
        {error && <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800" data-testid="projection-error">{error}</p>}
        <Button type="submit" disabled={busy || !file || models.length === 0} data-testid="projection-start">{busy ? 'Uploading…' : 'Find this face'}</Button>
      </div>
    </form>
  );
}
