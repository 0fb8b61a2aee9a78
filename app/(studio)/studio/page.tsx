import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/current-user';
import { currentWorkspaceId } from '@/lib/projects/current-workspace';
import { listProjects } from '@/lib/projects/projects';
import { listTeams } from '@/lib/teams/teams';
import { listRecentWork } from '@/lib/studio/list-recent-work';
import { WorkShelf } from './work-shelf';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { ActionForm } from '../action-form';
import { createProjectAction, renameProjectAction, setArchivedAction, switchWorkspaceAction } from '../actions';
import { FieldError } from '@/components/ui/field-error';

export const metadata: Metadata = { title: 'Studio' };

export default async function StudioHome({ searchParams }: { searchParams: Promise<{ archived?: string }> }) {
  const user = await requireUser();
  const showArchived = (await searchParams).archived === '1';
  const workspaceId = await currentWorkspaceId(user.id);
  const [teams, projects, recent] = await Promise.all([
    listTeams(user.id),
    listProjects(user.id, workspaceId, { includeArchived: showArchived }),
    listRecentWork(user.id, workspaceId),
  ]);
  const workspaceName = workspaceId === 'personal' ? 'Personal' : (teams.find((t) => t.id === workspaceId)?.name ?? 'Personal');

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Studio</h1>
          <p className="text-sm text-stone-500">Workspace <strong className="font-medium text-stone-800" data-testid="workspace-name">{workspaceName}</strong></p>
        </div>
        <form action={switchWorkspaceAction} className="flex items-center gap-2">
          <label htmlFor="workspace" className="text-sm text-stone-600">Switch to</label>
          <select key={workspaceId} id="workspace" name="workspace" defaultValue={workspaceId} className="rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm">
            <option value="personal">Personal</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>{t.name}</option>
            ))}
          </select>
          <Button variant="secondary" type="submit">Switch</Button>
        </form>
      </div>

      <WorkShelf title="Recent latents" testId="recent-latents" items={recent.latents} allHref="/latents" empty={{ text: 'No saved latents yet: generate faces from seeds and save the ones you like.', href: '/explore', action: 'Generate faces' }} />
      <WorkShelf title="Recent mixes" testId="recent-mixes" items={recent.mixes} allHref="/mixes" empty={{ text: 'No mixes yet: combine the coarse, middle and fine styles of saved latents.', href: '/mixes/new', action: 'Compose a mix' }} />
      <WorkShelf title="Recent videos" testId="recent-videos" items={recent.videos} allHref="/videos" empty={{ text: 'No videos yet: interpolate between saved latents.', href: '/videos/new', action: 'Make a video' }} />
      <WorkShelf title="Training runs" testId="recent-runs" items={recent.trainingRuns} allHref="/training" empty={{ text: 'No fine-tunes yet: upload a dataset and fine-tune a model on it.', href: '/training/new', action: 'Start a fine-tune' }} />
      <WorkShelf title="Collections" testId="recent-collections" items={recent.collections} allHref="/collections" empty={{ text: 'No collections yet: gather latents, mixes and videos to share.', href: '/collections', action: 'Create a collection' }} />

      <section className="space-y-3">
        <div className="flex items-center justify-between">
          <h2 className="text-lg font-semibold">Projects</h2>
          <Link href={showArchived ? '/studio' : '/studio?archived=1'} className="text-sm text-accent hover:underline">
            {showArchived ? 'Hide archived' : 'Show archived'}
          </Link>
        </div>
        <ActionForm action={createProjectAction} className="flex flex-wrap items-center gap-2">
          <Input name="name" placeholder="New project name" aria-label="New project name" className="max-w-xs" required />
          <Button type="submit">Create project</Button>
          <FieldError name="name" />
        </ActionForm>
        {projects.length === 0 ? (
          <p className="rounded-lg border border-dashed border-stone-300 bg-white p-8 text-center text-stone-500">
            No projects here yet. Create one to keep your latents, mixes, videos and datasets together.
          </p>
        ) : (
          <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white" data-testid="project-list">
            {projects.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center gap-3 px-4 py-3" data-testid="project-row">
                <ActionForm action={renameProjectAction} className="flex flex-1 flex-wrap items-center gap-2" resetOnSuccess={false}>
                  <input type="hidden" name="projectId" value={p.id} />
                  <Input name="name" defaultValue={p.name} aria-label={`Name of ${p.name}`} className="max-w-xs" />
                  <Button variant="secondary" type="submit">Rename</Button>
                  <FieldError name="name" />
                  {p.archivedAt && <span className="rounded bg-stone-100 px-2 py-0.5 text-xs text-stone-600">Archived</span>}
                </ActionForm>
                <Link href={`/projects/${p.id}`} className="text-sm font-medium text-accent hover:underline" data-testid="open-project">Open</Link>
                <span className="text-xs text-stone-500">Updated {p.updatedAt.toISOString().slice(0, 10)}</span>
                <form action={setArchivedAction}>
                  <input type="hidden" name="projectId" value={p.id} />
                  <input type="hidden" name="archived" value={p.archivedAt ? 'false' : 'true'} />
                  <Button variant={p.archivedAt ? 'secondary' : 'danger'} type="submit">{p.archivedAt ? 'Restore' : 'Archive'}</Button>
                </form>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
