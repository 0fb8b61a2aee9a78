import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ApiError } from '@/lib/api/errors';
import { getCurrentUser } from '@/lib/auth/current-user';
import { getVideo } from '@/lib/videos/videos';
import { listVideoKeyframes } from '@/lib/videos/list-video-keyframes';
import Link from 'next/link';
import { AddToCollection } from '@/app/(public)/add-to-collection';
import { CommercialUseControl } from '@/app/(public)/commercial-use-control';
import { ItemSettingsForm } from '@/app/(public)/item-settings-form';
import { updateVideoAction } from '@/app/(studio)/videos/actions';
import { ProvenancePanel } from '@/components/provenance-panel';
import { VideoStatus } from './video-status';
import { HiddenItemPage, hiddenItemOr404 } from '@/components/moderation/hidden-item-page';
import { ItemModerationBar } from '@/components/moderation/item-moderation';
import { plural } from '@/lib/format/plural';

type Props = { params: Promise<{ videoId: string }> };

async function load(videoId: string) {
  const user = await getCurrentUser();
  try {
    return { user, video: await getVideo(user?.id ?? null, videoId) };
  } catch (err) {
    if (err instanceof ApiError && err.code === 'not_found') return { user, hiddenItem: await hiddenItemOr404(user, 'VIDEO', videoId) };
    throw err;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const loaded = await load((await params).videoId);
  return { title: loaded.hiddenItem ? loaded.hiddenItem.name : loaded.video.name };
}

export default async function VideoPage({ params }: Props) {
  const loaded = await load((await params).videoId);
  if (loaded.hiddenItem) return <HiddenItemPage item={loaded.hiddenItem} />;
  const { user, video } = loaded;
  const s = video.settings;
  const keyframes = await listVideoKeyframes(user?.id ?? null, video.keyframeIds);
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-stone-500">Video by {video.owner.name} · {video.model.name} · <span data-testid="video-visibility">{video.visibility.toLowerCase()}</span></p>
        <h1 className="text-2xl font-semibold" data-testid="video-name">{video.name}</h1>
        <p className="text-sm text-stone-600">
          {plural(video.keyframeIds.length, 'keyframe')} · {s.space.toUpperCase()} space · {s.easing} · {s.secondsPerTransition} s per transition · {s.fps} fps
          {s.loop ? ' · loops' : ''} · {s.size} px · {plural(video.frameCount, 'frame')} ({video.durationSec.toFixed(2)} s)
        </p>
      </div>
      <ItemModerationBar type="VIDEO" id={video.id} />
      <section className="space-y-2" data-testid="video-keyframes">
        <h2 className="text-sm font-semibold">Keyframes</h2>
        <ol className="flex gap-2 overflow-x-auto pb-1">
          {keyframes.map((k) => (
            <li key={k.position} className="w-20 shrink-0 text-xs" data-testid="video-keyframe">
              {k.latent ? (
                <Link href={k.latent.href} className="block space-y-1 hover:text-accent">
                  {k.latent.thumbnailUrl ? (
                    // eslint-disable-next-line @next/next/no-img-element
                    <img src={k.latent.thumbnailUrl} alt="" className="h-20 w-20 rounded border border-stone-200 object-cover" />
                  ) : (
                    <span className="block h-20 w-20 rounded bg-stone-100" aria-hidden />
                  )}
                  <span className="block truncate">{k.position}. {k.latent.name}</span>
                </Link>
              ) : (
                <div className="space-y-1 text-stone-500">
                  <span className="block h-20 w-20 rounded bg-stone-100" aria-hidden />
                  <span className="block">{k.position}. a private latent</span>
                </div>
              )}
            </li>
          ))}
        </ol>
      </section>
      {video.canEdit && (
        <div className="grid max-w-xl gap-3">
          <ItemSettingsForm action={updateVideoAction} kind="video" id={video.id} name={video.name} visibility={video.visibility} />
          <CommercialUseControl type="video" id={video.id} modelId={video.model.id} marked={video.commercialUse} />
        </div>
      )}
      <VideoStatus initial={video} />
      {user && <AddToCollection userId={user.id} type="video" id={video.id} />}
      <ProvenancePanel artifactType="VIDEO" artifactId={video.id} />
    </div>
  );
}
