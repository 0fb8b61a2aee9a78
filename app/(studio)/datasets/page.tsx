import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/current-user';
import { currentWorkspaceId } from '@/lib/projects/current-workspace';
import { listDatasets } from '@/lib/datasets/datasets';
import { CreateDatasetForm } from './create-dataset-form';
import { plural } from '@/lib/format/plural';

export const metadata: Metadata = { title: 'Datasets' };

export default async function DatasetsPage() {
  const user = await requireUser();
  const workspace = await currentWorkspaceId(user.id);
  const datasets = await listDatasets(user.id, workspace);
  return (
    <div className="space-y-8">
      <div className="flex items-end justify-between">
        <div>
          <h1 className="text-2xl font-semibold">Datasets</h1>
          <p className="text-sm text-stone-500">Your images, checked and prepared for fine-tuning. Switch workspace in the Studio.</p>
        </div>
        <Link href="/training" className="text-sm text-accent hover:underline">Training runs →</Link>
      </div>
      <CreateDatasetForm workspace={workspace} />
      {datasets.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 bg-white p-8 text-center text-stone-500">No datasets in this workspace yet.</p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2" data-testid="dataset-list">
          {datasets.map((d) => (
            <li key={d.id} className="rounded-lg border border-stone-200 bg-white p-4">
              <Link href={`/datasets/${d.id}`} className="font-medium hover:text-accent">{d.name}</Link>
              <p className="text-sm text-stone-500">
                {plural(d.imageCount, 'image')} · {d.resolution} px · {d.license ? (d.license.spdxId ?? 'custom licence') : 'licence not declared'}
                {d.reviewStatus === 'PENDING' && ' · awaiting review'}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
