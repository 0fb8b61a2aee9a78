import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/current-user';
import { currentWorkspaceId } from '@/lib/projects/current-workspace';
import { listTrainingRuns } from '@/lib/training/training-runs';

export const metadata: Metadata = { title: 'Training runs' };

export default async function TrainingRunsPage() {
  const user = await requireUser();
  const runs = await listTrainingRuns(user.id, await currentWorkspaceId(user.id));
  return (
    <div className="space-y-6">
      <div className="flex items-end justify-between">
        <h1 className="text-2xl font-semibold">Training runs</h1>
        <Link href="/training/new" className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-white hover:opacity-90">New fine-tune</Link>
      </div>
      {runs.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 bg-white p-8 text-center text-stone-500">
          No runs yet. Upload a <Link href="/datasets" className="text-accent hover:underline">dataset</Link>, declare its licence, then fine-tune a model on it.
        </p>
      ) : (
        <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
          {runs.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3">
              <Link href={`/training/${r.id}`} className="min-w-0 flex-1 font-medium hover:text-accent">{r.name}</Link>
              <span className="text-sm text-stone-500">{r.kimg.toFixed(2)} / {r.targetKimg} kimg</span>
              <span className={`rounded px-2 py-0.5 text-xs ${r.state === 'FAILED' ? 'bg-red-100 text-red-800' : 'bg-stone-100'}`}>{r.state.toLowerCase()}</span>
              {r.state === 'FAILED' && r.error && (
                <p className="basis-full truncate text-sm text-red-700" data-testid="run-error" title={r.error}>
                  {r.error} · <Link href={`/training/${r.id}`} className="underline">open to resume</Link>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
