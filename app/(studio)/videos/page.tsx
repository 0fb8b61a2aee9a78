import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/current-user';
import { currentWorkspaceId } from '@/lib/projects/current-workspace';
import { listVideos } from '@/lib/videos/videos';
import { plural } from '@/lib/format/plural';

export const metadata: Metadata = { title: 'Videos' };

export default async function VideosPage() {
  const user = await requireUser();
  const videos = await listVideos(user.id, await currentWorkspaceId(user.id));
  return (
    <div className="space-y-6">
      <div className="flex items-end justify-between">
        <h1 className="text-2xl font-semibold">Videos</h1>
        <Link href="/videos/new" className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-white hover:opacity-90">New video</Link>
      </div>
      {videos.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 bg-white p-8 text-center text-stone-500">No videos yet. Pick two or more saved latents and render an interpolation.</p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {videos.map((v) => (
            <li key={v.id} className="overflow-hidden rounded-lg border border-stone-200 bg-white">
              {v.files?.preview ? (
                // eslint-disable-next-line @next/next/no-img-element
                <img src={v.files.preview} alt="" className="aspect-square w-full bg-stone-100 object-cover" />
              ) : (
                <div className="flex aspect-square items-center justify-center bg-stone-100 text-xs text-stone-500">{v.job?.state.toLowerCase()}</div>
              )}
              <div className="px-3 py-2 text-sm">
                <Link href={`/videos/${v.id}`} className="font-medium text-accent hover:underline">{v.name}</Link>
                <p className="text-xs text-stone-500">{plural(v.frameCount, 'frame')} · {v.durationSec.toFixed(1)} s</p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
