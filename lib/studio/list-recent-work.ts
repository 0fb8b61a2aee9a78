// What a workspace (or one of its projects) holds, newest first: latents, mixes, videos,
// training runs and collections for the studio home, plus datasets and models for a project's
// page. Each item carries the link to its own page and a thumbnail URL when it has one.
import { db } from '@/lib/db';
import { viewerOf } from '@/lib/access/viewer';
import { writableWhere } from '@/lib/access/rules';
import { findAccessibleProject } from '@/lib/projects/projects';
import { resolveWorkspace, workspaceWhere } from '@/lib/projects/workspace';
import { itemImageUrl } from '@/lib/collections/item-image';
import { videoFileUrl } from '@/lib/videos/videos';

export type WorkItem = { id: string; name: string; href: string; thumbnailUrl: string | null; createdAt: Date; detail: string };

export type RecentWork = {
  latents: WorkItem[];
  mixes: WorkItem[];
  videos: WorkItem[];
  trainingRuns: WorkItem[];
  collections: WorkItem[];
  datasets?: WorkItem[];
  models?: WorkItem[];
};

const asset = (id: string | null) => (id ? `/api/v1/assets/${id}` : null);
const visibilityWord = (v: string) => v.toLowerCase();

async function collect(where: object, take: number, withProjectKinds: boolean): Promise<RecentWork> {
  const order = { createdAt: 'desc' } as const;
  const [latents, mixes, videos, runs, collections, datasets, models] = await Promise.all([
    db.latent.findMany({ where, orderBy: order, take, select: { id: true, name: true, thumbnailAssetId: true, createdAt: true, visibility: true, seed: true } }),
    db.mix.findMany({ where, orderBy: order, take, select: { id: true, name: true, previewAssetId: true, createdAt: true, visibility: true } }),
    db.video.findMany({ where, orderBy: order, take, select: { id: true, name: true, previewAssetId: true, createdAt: true, visibility: true, durationSec: true } }),
    db.trainingRun.findMany({ where, orderBy: order, take, select: { id: true, name: true, sampleGridAssetId: true, createdAt: true, state: true, kimg: true, targetKimg: true } }),
    db.collection.findMany({
      where,
      orderBy: { updatedAt: 'desc' },
      take,
      select: { id: true, name: true, createdAt: true, visibility: true, _count: { select: { items: true } }, items: {
          // The first item that has a picture (a latent saved from a seed alone has no thumbnail yet).
          where: { OR: [{ latent: { thumbnailAssetId: { not: null } } }, { mix: { previewAssetId: { not: null } } }, { video: { previewAssetId: { not: null } } }] },
          orderBy: { position: 'asc' },
          take: 1,
          select: { id: true },
        },
      },
    }),
    withProjectKinds ? db.dataset.findMany({ where, orderBy: order, take, select: { id: true, name: true, createdAt: true, imageCount: true } }) : Promise.resolve(null),
    withProjectKinds ? db.model.findMany({ where, orderBy: order, take, select: { id: true, name: true, createdAt: true, sampleGridAssetId: true, visibility: true } }) : Promise.resolve(null),
  ]);
  const work: RecentWork = {
    latents: latents.map((l) => ({ id: l.id, name: l.name, href: `/latents/${l.id}`, thumbnailUrl: asset(l.thumbnailAssetId), createdAt: l.createdAt, detail: l.seed !== null ? `seed ${l.seed} · ${visibilityWord(l.visibility)}` : visibilityWord(l.visibility) })),
    mixes: mixes.map((m) => ({ id: m.id, name: m.name, href: `/mixes/${m.id}`, thumbnailUrl: m.previewAssetId ? `/api/v1/mixes/${m.id}/preview` : null, createdAt: m.createdAt, detail: visibilityWord(m.visibility) })),
    videos: videos.map((v) => ({ id: v.id, name: v.name, href: `/videos/${v.id}`, thumbnailUrl: v.previewAssetId ? videoFileUrl(v.id, 'gif') : null, createdAt: v.createdAt, detail: v.previewAssetId ? `${Math.round(v.durationSec * 10) / 10} s · ${visibilityWord(v.visibility)}` : 'rendering or not rendered' })),
    trainingRuns: runs.map((r) => ({ id: r.id, name: r.name, href: `/training/${r.id}`, thumbnailUrl: r.sampleGridAssetId ? `/api/v1/training-runs/${r.id}/samples` : null, createdAt: r.createdAt, detail: `${r.state.toLowerCase()} · ${Math.round(r.kimg * 10) / 10} of ${r.targetKimg} kimg` })),
    collections: collections.map((c) => ({ id: c.id, name: c.name, href: `/collections/${c.id}`, thumbnailUrl: c.items[0] ? itemImageUrl(c.id, c.items[0].id) : null, createdAt: c.createdAt, detail: `${c._count.items} item${c._count.items === 1 ? '' : 's'} · ${visibilityWord(c.visibility)}` })),
  };
  if (datasets) work.datasets = datasets.map((d) => ({ id: d.id, name: d.name, href: `/datasets/${d.id}`, thumbnailUrl: null, createdAt: d.createdAt, detail: `${d.imageCount} image${d.imageCount === 1 ? '' : 's'}` }));
  if (models) work.models = models.map((m) => ({ id: m.id, name: m.name, href: `/models/${m.id}`, thumbnailUrl: asset(m.sampleGridAssetId), createdAt: m.createdAt, detail: visibilityWord(m.visibility) }));
  return work;
}

/** The newest work of a workspace ('personal' or a team the user belongs to), `take` of each kind. */
export async function listRecentWork(userId: string, workspaceId: string | undefined, take = 6): Promise<RecentWork> {
  const ws = await resolveWorkspace(userId, workspaceId);
  const viewer = await viewerOf(userId);
  return collect({ AND: [workspaceWhere(ws), writableWhere(viewer)] }, take, false);
}

/** A project the user may open, and everything in it (up to `take` of each kind). */
export async function listProjectContents(userId: string, projectId: string, take = 48) {
  const project = await findAccessibleProject(userId, projectId);
  const viewer = await viewerOf(userId);
  const contents = await collect({ AND: [{ projectId: project.id }, writableWhere(viewer)] }, take, true);
  return { project, contents };
}
