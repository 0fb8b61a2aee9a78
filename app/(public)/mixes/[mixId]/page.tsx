import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ApiError } from '@/lib/api/errors';
import { getCurrentUser } from '@/lib/auth/current-user';
import { getMix } from '@/lib/mixes/mixes';
import { sourceLatentNames } from '@/lib/mixes/list-mixes';
import { AddToCollection } from '@/app/(public)/add-to-collection';
import { CommercialUseControl } from '@/app/(public)/commercial-use-control';
import { ItemSettingsForm } from '@/app/(public)/item-settings-form';
import { Button } from '@/components/ui/button';
import { ProvenancePanel } from '@/components/provenance-panel';
import { forkMixAction, updateMixAction } from '@/app/(studio)/mixes/actions';
import { RetryJobNotice } from '@/components/jobs/retry-job-notice';
import { HiddenItemPage, hiddenItemOr404 } from '@/components/moderation/hidden-item-page';
import { ItemModerationBar } from '@/components/moderation/item-moderation';

type Props = { params: Promise<{ mixId: string }> };

async function load(mixId: string) {
  const user = await getCurrentUser();
  try {
    return { user, mix: await getMix(user?.id ?? null, mixId) };
  } catch (err) {
    if (err instanceof ApiError && err.code === 'not_found') return { user, hiddenItem: await hiddenItemOr404(user, 'MIX', mixId) };
    throw err;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const loaded = await load((await params).mixId);
  return { title: loaded.hiddenItem ? loaded.hiddenItem.name : loaded.mix.name };
}

type Spec = { sources: ({ latentId?: string; seed?: number; psi?: number; layers: (string | { start: number; end: number })[] })[] };

export default async function MixPage({ params }: Props) {
  const loaded = await load((await params).mixId);
  if (loaded.hiddenItem) return <HiddenItemPage item={loaded.hiddenItem} />;
  const { user, mix } = loaded;
  const spec = mix.spec as unknown as Spec;
  const names = await sourceLatentNames(user?.id ?? null, spec.sources.flatMap((s) => (s.latentId ? [s.latentId] : [])));
  return (
    <div className="grid gap-8 md:grid-cols-[320px_1fr]">
      <div>
        {mix.preview ? (
          // eslint-disable-next-line @next/next/no-img-element
          <img src={mix.preview.url} alt={mix.name} data-testid="mix-image" className="aspect-square w-full rounded-lg border border-stone-200 [image-rendering:pixelated]" />
        ) : (
          mix.job && (mix.job.state === 'FAILED' || mix.job.state === 'CANCELLED') ? (
            <RetryJobNotice
              testId="mix-failed"
              jobId={mix.job.id}
              message={mix.job.state === 'FAILED' ? `Rendering failed: ${mix.job.error ?? 'no reason recorded'}` : 'The render was cancelled.'}
              canRetry={mix.canEdit}
              retryLabel="Render again"
            />
          ) : (
            <div className="flex aspect-square items-center justify-center rounded-lg border border-dashed border-stone-300 text-sm text-stone-500">Rendering…</div>
          )
        )}
      </div>
      <div className="space-y-4">
        <div>
          <p className="text-sm text-stone-500">Mix by {mix.owner.name} · {mix.model.name} · <span data-testid="mix-visibility">{mix.visibility.toLowerCase()}</span></p>
          <h1 className="text-2xl font-semibold" data-testid="mix-name">{mix.name}</h1>
        </div>
        <ItemModerationBar type="MIX" id={mix.id} />
        {mix.canEdit && (
          <>
            <ItemSettingsForm action={updateMixAction} kind="mix" id={mix.id} name={mix.name} visibility={mix.visibility} />
            <CommercialUseControl type="mix" id={mix.id} modelId={mix.modelId} marked={mix.commercialUse} />
          </>
        )}
        <div className="overflow-x-auto" data-table-scroll><table className="w-full text-sm">
          <thead className="text-left text-stone-500">
            <tr><th className="py-1">Source</th><th>Layers taken</th></tr>
          </thead>
          <tbody data-testid="mix-sources">
            {spec.sources.map((s, i) => (
              <tr key={i} className="border-t border-stone-100">
                <td className="py-1">
                  {s.latentId ? (
                    names[s.latentId] ? (
                      <Link href={`/latents/${s.latentId}`} className="text-accent hover:underline">{names[s.latentId]}</Link>
                    ) : (
                      <span className="text-stone-500">a latent that is not shared</span>
                    )
                  ) : (
                    `seed ${s.seed} (ψ ${s.psi ?? 1})`
                  )}
                </td>
                <td>{s.layers.map((l) => (typeof l === 'string' ? l : `${l.start}–${l.end - 1}`)).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table></div>
        {mix.resultLatent && (
          <p className="text-sm">
            Saved as latent <Link className="text-accent hover:underline" href={`/latents/${mix.resultLatent.id}`} data-testid="mix-latent">{mix.resultLatent.name}</Link>
          </p>
        )}
        {user && <AddToCollection userId={user.id} type="mix" id={mix.id} />}
        {user && !mix.canEdit && (
          <form action={forkMixAction}>
            <input type="hidden" name="mixId" value={mix.id} />
            <Button type="submit" variant="secondary">Fork into my workspace</Button>
          </form>
        )}
        {mix.forkedFromId && <p className="text-sm text-stone-500">Forked from <Link className="text-accent hover:underline" href={`/mixes/${mix.forkedFromId}`}>another mix</Link></p>}
        <ProvenancePanel artifactType="MIX" artifactId={mix.id} downloadAssetId={mix.preview?.assetId} />
      </div>
    </div>
  );
}
