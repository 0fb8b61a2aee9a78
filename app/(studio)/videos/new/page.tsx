import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/current-user';
import { db } from '@/lib/db';
import { listMixSourceLatents } from '@/lib/mixes/mixes';
import { VideoForm } from './video-form';

export const metadata: Metadata = { title: 'New video' };

export default async function NewVideoPage() {
  const user = await requireUser();
  const latents = await listMixSourceLatents(user.id);
  const models = await db.model.findMany({ where: { id: { in: [...new Set(latents.map((l) => l.modelId))] } }, select: { id: true, name: true } });
  const modelName = new Map(models.map((m) => [m.id, m.name]));
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">New interpolation video</h1>
      <VideoForm latents={latents.map(({ thumbnailAssetId, ...l }) => ({ ...l, modelName: modelName.get(l.modelId) ?? '', thumbnailUrl: thumbnailAssetId ? `/api/v1/assets/${thumbnailAssetId}` : null }))} />
    </div>
  );
}
