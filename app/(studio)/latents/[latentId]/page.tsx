import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ApiError } from '@/lib/api/errors';
import { requireUser } from '@/lib/auth/current-user';
import { getLatent } from '@/lib/latents/latents';
import { ProvenancePanel } from '@/components/provenance-panel';
import { truncationSummary } from '@/lib/synthesis/truncation-summary';
import { Button } from '@/components/ui/button';
import { AddToCollection } from '@/app/(public)/add-to-collection';
import { CommercialUseControl } from '@/app/(public)/commercial-use-control';
import { forkLatentAction } from '@/app/(studio)/latents/actions';
import { HiddenItemPage, hiddenItemOr404 } from '@/components/moderation/hidden-item-page';
import { ItemModerationBar } from '@/components/moderation/item-moderation';
import { listProjects } from '@/lib/projects/projects';
import { ProjectPicker } from './project-picker';

export const metadata: Metadata = { title: 'Latent' };

/** One saved latent: its picture, what renders it, and how it was made. */
export default async function LatentPage({ params }: { params: Promise<{ latentId: string }> }) {
  const user = await requireUser();
  const { latentId } = await params;
  const latent = await getLatent(user.id, latentId).catch(async (err) => {
    if (err instanceof ApiError && err.code === 'not_found') return { hidden: await hiddenItemOr404(user, 'LATENT', latentId) };
    throw err;
  });
  if ('hidden' in latent) return <HiddenItemPage item={latent.hidden} />;
  const settings: [string, React.ReactNode][] = [
    ['Model', <Link key="model" href={`/models/${latent.model.id}`} className="text-accent hover:underline">{latent.model.name}</Link>],
    ['Source', latent.seed !== null ? `seed ${latent.seed}` : latent.z ? `z (${latent.z.length} values)` : `w+ (${latent.wplus?.length ?? 0} layers)`],
    ['Truncation', truncationSummary(latent)],
    ['Noise', `${latent.noiseMode}${latent.noiseSeed !== null ? ` (seed ${latent.noiseSeed})` : ''}`],
  ];
  return (
    <div className="grid gap-8 md:grid-cols-[320px_1fr]">
      <div>
        {latent.thumbnail ? (
          // eslint-disable-next-line @next/next/no-img-element
          <img src={latent.thumbnail.url} alt={latent.name} data-testid="latent-image" className="aspect-square w-full rounded-lg border border-stone-200 [image-rendering:pixelated]" />
        ) : (
          <div className="flex aspect-square items-center justify-center rounded-lg border border-dashed border-stone-300 text-sm text-stone-500">no preview</div>
        )}
      </div>
      <div className="space-y-4">
        <div>
          <nav aria-label="Breadcrumb" className="text-sm text-stone-500" data-testid="breadcrumb"><Link href="/latents" className="hover:underline">Latents</Link> / {latent.name}</nav>
          <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold">
            <span data-testid="latent-name">{latent.name}</span>
            <span className="rounded bg-stone-100 px-2 py-0.5 text-xs font-medium text-stone-600" data-testid="latent-visibility">{latent.visibility.toLowerCase()}</span>
          </h1>
        </div>
        <ItemModerationBar type="LATENT" id={latent.id} />
        <dl className="grid grid-cols-[8rem_1fr] gap-y-1.5 text-sm">
          {settings.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-stone-500">{k}</dt>
              <dd data-testid={`latent-${k.toLowerCase()}`}>{v}</dd>
            </div>
          ))}
        </dl>
        <div className="flex flex-wrap items-center gap-3">
          <Link href={`/explore?latent=${latent.id}`} className="inline-block rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-white hover:opacity-90">Open in explorer</Link>
          {!latent.canEdit && (
            <form action={forkLatentAction}>
              <input type="hidden" name="latentId" value={latent.id} />
              <Button type="submit" variant="secondary">Fork into my workspace</Button>
            </form>
          )}
          <AddToCollection userId={user.id} type="latent" id={latent.id} />
        </div>
        {latent.canEdit && <CommercialUseControl type="latent" id={latent.id} modelId={latent.model.id} marked={latent.commercialUse} />}
        {latent.canEdit && <ProjectPicker latentId={latent.id} projectId={latent.projectId} projects={await listProjects(user.id, latent.teamId ?? 'personal')} />}
        <ProvenancePanel artifactType="LATENT" artifactId={latent.id} downloadAssetId={latent.thumbnail?.assetId} />
      </div>
    </div>
  );
}
