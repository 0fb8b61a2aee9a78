import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/current-user';
import { listModels } from '@/lib/models/models';
import { listMixSourceLatents } from '@/lib/mixes/mixes';
import { MixComposer } from './mix-composer';

export const metadata: Metadata = { title: 'Style mixing' };

export default async function NewMixPage() {
  const user = await requireUser();
  const [models, latents] = await Promise.all([listModels(user.id), listMixSourceLatents(user.id)]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Style mixing</h1>
        <p className="text-sm text-stone-500">
          Take the coarse layers (pose, face shape), middle layers (features, hair) or fine layers (colours, texture) of each source.
        </p>
      </div>
      <MixComposer
        models={models.map((m) => ({ id: m.id, name: m.name, resolution: m.architecture.resolution, numWs: m.architecture.numWs }))}
        latents={latents}
      />
    </div>
  );
}
