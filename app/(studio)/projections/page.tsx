import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/current-user';
import { listModels } from '@/lib/models/models';
import { listProjections } from '@/lib/projection/get-projection';
import { ProjectionUpload } from './projection-upload';

export const metadata: Metadata = { title: 'Find your face' };

export default async function ProjectionsPage() {
  const user = await requireUser();
  const [models, projections] = await Promise.all([listModels(user.id), listProjections(user.id)]);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">Find your face</h1>
        <Link href="/explore" className="text-sm text-accent hover:underline">Back to the explorer</Link>
      </div>
      <p className="max-w-2xl text-sm text-stone-600">
        Upload a photo: the face is found and aligned, then the model&apos;s latent space is searched for the closest image.
        The photo stays private to you, is never shown in galleries, and you can delete it at any time; only its fingerprint (sha256) is kept in the result&apos;s provenance.
      </p>
      <ProjectionUpload models={models.map((m) => ({ id: m.id, name: m.name, resolution: m.architecture.resolution }))} />
      <section className="space-y-2">
        <h2 className="font-semibold">Your projections</h2>
        {projections.length === 0 ? (
          <p className="text-sm text-stone-500">None yet.</p>
        ) : (
          <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-6" data-testid="projection-list">
            {projections.map((p) => (
              <li key={p.id}>
                <Link href={`/projections/${p.id}`} className="block rounded-md border border-stone-200 bg-white p-2 text-xs hover:border-stone-400">
                  {/* eslint-disable-next-line @next/next/no-img-element */}
                  <img src={p.images.current} alt="" className="aspect-square w-full rounded bg-stone-100 [image-rendering:pixelated]" />
                  <span className="mt-1 block truncate">{p.settings.name}</span>
                  <span className="text-stone-500">{p.status.toLowerCase()}{p.psnr !== null ? ` · ${p.psnr.toFixed(1)} dB` : ''}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
