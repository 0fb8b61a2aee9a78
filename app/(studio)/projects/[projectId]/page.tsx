import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { ApiError } from '@/lib/api/errors';
import { listProjectContents } from '@/lib/studio/list-recent-work';
import { WorkShelf } from '../../studio/work-shelf';

export const metadata: Metadata = { title: 'Project' };

export default async function ProjectPage({ params }: { params: Promise<{ projectId: string }> }) {
  const user = await requireUser();
  const { projectId } = await params;
  let found: Awaited<ReturnType<typeof listProjectContents>>;
  try {
    found = await listProjectContents(user.id, projectId);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) notFound();
    throw err;
  }
  const { project, contents } = found;
  const count = Object.values(contents).reduce((n, list) => n + (list?.length ?? 0), 0);
  return (
    <div className="space-y-8">
      <div>
        <p className="text-sm text-stone-500"><Link href="/studio" className="hover:underline">Studio</Link> / Projects</p>
        <h1 className="text-2xl font-semibold" data-testid="project-name">{project.name}</h1>
        <p className="text-sm text-stone-500">
          {count === 0 ? 'Empty so far' : `${count} item${count === 1 ? '' : 's'}`}
          {project.archivedAt ? ' · archived' : ''}
        </p>
      </div>
      <WorkShelf title="Latents" testId="project-latents" items={contents.latents} allHref="/latents" empty={{ text: 'No latents in this project.', href: '/explore', action: 'Generate faces' }} />
      <WorkShelf title="Mixes" testId="project-mixes" items={contents.mixes} allHref="/mixes" empty={{ text: 'No mixes in this project.', href: '/mixes/new', action: 'Compose a mix' }} />
      <WorkShelf title="Videos" testId="project-videos" items={contents.videos} allHref="/videos" empty={{ text: 'No videos in this project.', href: '/videos/new', action: 'Make a video' }} />
      <WorkShelf title="Collections" testId="project-collections" items={contents.collections} allHref="/collections" empty={{ text: 'No collections in this project.', href: '/collections', action: 'Create a collection' }} />
      <WorkShelf title="Datasets" testId="project-datasets" items={contents.datasets ?? []} allHref="/datasets" empty={{ text: 'No datasets in this project.', href: '/datasets', action: 'Upload a dataset' }} />
      <WorkShelf title="Training runs" testId="project-runs" items={contents.trainingRuns} allHref="/training" empty={{ text: 'No fine-tunes in this project.', href: '/training/new', action: 'Start a fine-tune' }} />
      <WorkShelf title="Models" testId="project-models" items={contents.models ?? []} allHref="/models" empty={{ text: 'No models in this project.', href: '/models', action: 'Import a model' }} />
    </div>
  );
}
