import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/current-user';
import { currentWorkspaceId } from '@/lib/projects/current-workspace';
import { listDatasets, usability } from '@/lib/datasets/datasets';
import { listBaseModels } from '@/lib/training/base-models';
import { fineTuneOptions } from '@/lib/training/options';
import { FineTuneForm } from './fine-tune-form';

export const metadata: Metadata = { title: 'New fine-tune' };

export default async function NewFineTunePage({ searchParams }: { searchParams: Promise<{ dataset?: string }> }) {
  const user = await requireUser();
  const { dataset: preselected } = await searchParams;
  const [datasets, models] = await Promise.all([listDatasets(user.id, await currentWorkspaceId(user.id)), listBaseModels(user.id)]);
  const usable = datasets.filter((d) => usability(d).ok).map((d) => ({ id: d.id, name: d.name, resolution: d.resolution, imageCount: d.imageCount, mirror: d.mirror }));
  return (
    <div className="space-y-6">
      <div>
        <Link href="/training" className="text-sm text-stone-500 hover:text-stone-800">← Training runs</Link>
        <h1 className="text-2xl font-semibold">New fine-tune</h1>
        <p className="text-sm text-stone-500">Start from a model you may use and teach it your images. Defaults suit a few hundred images.</p>
      </div>
      {usable.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 bg-white p-8 text-center text-stone-500">
          No dataset is ready: <Link href="/datasets" className="text-accent hover:underline">upload images and declare their licence</Link> first.
        </p>
      ) : (
        <FineTuneForm datasets={usable} models={models} defaults={fineTuneOptions.parse({})} preselected={preselected ?? null} />
      )}
    </div>
  );
}
