import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ApiError } from '@/lib/api/errors';
import { requireUser } from '@/lib/auth/current-user';
import { getDataset } from '@/lib/datasets/datasets';
import { KNOWN_LICENCES } from '@/lib/datasets/declare-licence';
import { UploadPanel, UploadReportTable, type ReportFile } from './upload-panel';
import { LicenceForm } from './licence-form';

export const metadata: Metadata = { title: 'Dataset' };

export default async function DatasetPage({ params }: { params: Promise<{ datasetId: string }> }) {
  const user = await requireUser();
  const { datasetId } = await params;
  const data = await getDataset(user.id, datasetId).catch((err) => {
    if (err instanceof ApiError && err.status === 404) notFound();
    throw err;
  });
  const { dataset, uploads, manifest } = data;
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <Link href="/datasets" className="text-sm text-stone-500 hover:text-stone-800">← Datasets</Link>
          <h1 className="text-2xl font-semibold">{dataset.name}</h1>
          <p className="text-sm text-stone-500" data-testid="dataset-summary">
            <span data-testid="image-count">{dataset.imageCount}</span> {dataset.imageCount === 1 ? 'image' : 'images'} · {dataset.resolution} px · {dataset.fit === 'crop' ? 'centre-cropped' : 'padded'}
            {dataset.mirror ? ' · mirrored' : ''}
          </p>
          {manifest.images.length > 0 && (
            <p className="font-mono text-xs text-stone-400" title="sha256 of the manifest: names this version of the dataset">version {manifest.hash.slice(0, 16)}</p>
          )}
        </div>
        {dataset.usable.ok ? (
          <Link href={`/training/new?dataset=${dataset.id}`} className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-white hover:opacity-90">
            Fine-tune a model on it
          </Link>
        ) : (
          <p className="text-sm text-amber-700" data-testid="not-usable">{dataset.usable.reason}</p>
        )}
      </div>

      {dataset.previewAssetId && (
        // eslint-disable-next-line @next/next/no-img-element
        <img src={`/api/v1/datasets/${dataset.id}/preview?v=${dataset.previewAssetId}`} alt="Preview of the dataset" className="max-w-full rounded-lg border border-stone-200" style={{ imageRendering: 'pixelated' }} />
      )}

      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Add images</h2>
        <UploadPanel datasetId={dataset.id} />
      </section>

      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Licence</h2>
        {dataset.license ? (
          <p className="text-sm" data-testid="licence-status">
            {dataset.license.spdxId ?? 'Custom licence'} · commercial use {dataset.license.commercialUse ? 'allowed' : 'not allowed'}
            {dataset.license.attribution ? ` · credit: ${dataset.license.attribution}` : ''}
            {dataset.reviewStatus === 'PENDING' && <span className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-xs text-amber-800">awaiting admin review</span>}
          </p>
        ) : (
          <p className="text-sm text-stone-500">Declare the licence of these images before training on them.</p>
        )}
        <LicenceForm datasetId={dataset.id} known={KNOWN_LICENCES.map((l) => ({ spdxId: l.spdxId, name: l.name, commercialUse: l.commercialUse }))} />
      </section>

      {uploads.length > 0 && (
        <section className="space-y-3">
          <h2 className="text-lg font-semibold">Upload reports</h2>
          {uploads.map((u) => (
            <details key={u.id} className="rounded-lg border border-stone-200 bg-white p-3" open={u === uploads[0]} data-testid={u === uploads[0] ? 'upload-report' : undefined}>
              <summary className="cursor-pointer text-sm">
                {u.createdAt.toISOString().replace('T', ' ').slice(0, 16)} — {u.accepted} accepted, {u.skipped} skipped
              </summary>
              <UploadReportTable files={(u.report as { files: ReportFile[] }).files} />
            </details>
          ))}
        </section>
      )}
    </div>
  );
}
