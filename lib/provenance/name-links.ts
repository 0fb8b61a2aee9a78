// Provenance names what an artifact was made from, not raw ids: each parent id (a latent, mix,
// video, model, checkpoint, dataset or training run) becomes its name and, when the viewer may
// open it, a link to its page. An item the viewer may not see stays "a private <kind>".
import { db } from '@/lib/db';
import { can } from '@/lib/access/rules';
import { canSeeArtifact, type Viewer } from '@/lib/provenance/artifact-access';

export type NamedLink = { id: string; kind: string; name: string | null; href: string | null };

export async function nameLinks(ids: readonly string[], viewer: Viewer): Promise<NamedLink[]> {
  if (!ids.length) return [];
  const where = { id: { in: [...ids] } };
  const [latents, mixes, videos, models, checkpoints, datasets, runs] = await Promise.all([
    db.latent.findMany({ where, select: { id: true, name: true } }),
    db.mix.findMany({ where, select: { id: true, name: true } }),
    db.video.findMany({ where, select: { id: true, name: true } }),
    db.model.findMany({ where, select: { id: true, name: true } }),
    db.checkpoint.findMany({ where, select: { id: true, label: true, modelId: true, model: { select: { name: true } } } }),
    db.dataset.findMany({ where, select: { id: true, name: true } }),
    db.trainingRun.findMany({ where, select: { id: true, name: true, ownerId: true, teamId: true } }),
  ]);
  const found = new Map<string, { kind: string; name: string; href: string; visible: () => Promise<boolean> }>();
  for (const r of latents) found.set(r.id, { kind: 'latent', name: r.name, href: `/latents/${r.id}`, visible: () => canSeeArtifact('LATENT', r.id, viewer) });
  for (const r of mixes) found.set(r.id, { kind: 'mix', name: r.name, href: `/mixes/${r.id}`, visible: () => canSeeArtifact('MIX', r.id, viewer) });
  for (const r of videos) found.set(r.id, { kind: 'video', name: r.name, href: `/videos/${r.id}`, visible: () => canSeeArtifact('VIDEO', r.id, viewer) });
  for (const r of models) found.set(r.id, { kind: 'model', name: r.name, href: `/models/${r.id}`, visible: () => canSeeArtifact('MODEL', r.id, viewer) });
  for (const r of checkpoints) found.set(r.id, { kind: 'checkpoint', name: `${r.model.name} · ${r.label}`, href: `/models/${r.modelId}`, visible: () => canSeeArtifact('CHECKPOINT', r.id, viewer) });
  for (const r of datasets) found.set(r.id, { kind: 'dataset', name: r.name, href: `/datasets/${r.id}`, visible: () => canSeeArtifact('DATASET', r.id, viewer) });
  for (const r of runs) {
    const asViewer = viewer.userId ? { id: viewer.userId, role: 'USER' as const, teamIds: viewer.teamIds } : null;
    found.set(r.id, { kind: 'training run', name: r.name, href: `/training/${r.id}`, visible: async () => viewer.admin || can(asViewer, 'read', { ownerId: r.ownerId, teamId: r.teamId }) });
  }
  return Promise.all(
    ids.map(async (id) => {
      const hit = found.get(id);
      if (!hit) return { id, kind: 'item', name: null, href: null };
      return (await hit.visible()) ? { id, kind: hit.kind, name: hit.name, href: hit.href } : { id, kind: hit.kind, name: null, href: null };
    }),
  );
}
