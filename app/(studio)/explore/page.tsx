import type { Metadata } from 'next';
import Link from 'next/link';
import { ApiError } from '@/lib/api/errors';
import { requireUser } from '@/lib/auth/current-user';
import { getLatent } from '@/lib/latents/latents';
import { getModel, listModels } from '@/lib/models/models';
import { currentWorkspaceId } from '@/lib/projects/current-workspace';
import { PERSONAL } from '@/lib/projects/workspace';
import { db } from '@/lib/db';
import { Explorer, type ExplorerLatent } from './explorer';
import { parseViewState } from './view-state';

export const metadata: Metadata = { title: 'Explore' };

// The view's own parameters (page, grid, psi, noise, noiseSeed, seed) are read by view-state.ts.
type Search = { model?: string; latent?: string } & Record<string, string | string[] | undefined>;

export default async function ExplorePage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser();
  const params = await searchParams;
  const models = await listModels(user.id);
  // Work in the explorer is billed to, and saved in, the workspace chosen in the studio header.
  const workspaceId = await currentWorkspaceId(user.id);
  const team = workspaceId === PERSONAL ? null : await db.team.findUnique({ where: { id: workspaceId }, select: { id: true, name: true } });

  let latent: ExplorerLatent | null = null;
  let latentError: string | null = null;
  if (params.latent) {
    try {
      const l = await getLatent(user.id, params.latent);
      latent = { id: l.id, name: l.name, modelId: l.model.id, seed: l.seed, z: l.z, wplus: l.wplus, psiLayers: l.psiLayers ?? [], noiseMode: l.noiseMode, noiseSeed: l.noiseSeed, edit: l.edit };
      // A latent saved with plain ψ (and cutoff) is the same per-layer list.
      if (!l.psiLayers) {
        const numWs = models.find((m) => m.id === l.model.id)?.architecture.numWs ?? 0;
        latent.psiLayers = Array.from({ length: numWs }, (_, i) => (i < (l.truncationCutoff ?? numWs) ? l.psi : 1));
      }
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      latentError = 'That latent does not exist or is not shared with you.';
    }
  }

  if (models.length === 0) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">Explore</h1>
        <div className="rounded-lg border border-dashed border-stone-300 bg-white p-10 text-center text-stone-600">
          <p>No models to explore yet.</p>
          <p className="mt-2 text-sm">
            <Link href="/models" className="text-accent hover:underline">Import a model</Link> (a zip of the official StyleGAN2-ADA export) to get started.
          </p>
        </div>
      </div>
    );
  }

  const initialModelId = (latent && models.some((m) => m.id === latent.modelId) ? latent.modelId : null) ?? models.find((m) => m.id === params.model)?.id ?? models[0].id;
  // A ?model= the user cannot explore is said, not silently replaced by the default.
  let modelNotice: string | null = null;
  if (params.model && !latent && !models.some((m) => m.id === params.model)) {
    const own = await getModel(user.id, params.model).catch((err) => {
      if (err instanceof ApiError) return null;
      throw err;
    });
    const instead = `showing “${models[0].name}” instead`;
    modelNotice = !own
      ? `That model is private or does not exist: ${instead}.`
      : !own.ready
        ? `“${own.name}” comes from a fine-tune that did not complete: promote one of its checkpoints on its training run to explore it (${instead}).`
        : own.archived
          ? `“${own.name}” is hidden: show it again on its page to explore it (${instead}).`
          : `“${own.name}” cannot be explored yet (${instead}).`;
  }
  const initialModel = models.find((m) => m.id === initialModelId)!;
  const initialView = parseViewState(params, { id: initialModel.id, numWs: initialModel.architecture.numWs });

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">Explore</h1>
        <span className="flex gap-4">
          <Link href="/projections" className="text-sm text-accent hover:underline" data-testid="find-your-face">Find your face</Link>
          <Link href="/models" className="text-sm text-accent hover:underline">All models</Link>
        </span>
      </div>
      {latentError && <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">{latentError}</p>}
      {modelNotice && <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800" data-testid="model-notice">{modelNotice}</p>}
      {latent && <p className="text-sm text-stone-600" data-testid="opened-latent">Opened latent “{latent.name}”.</p>}
      <Explorer
        key={latent?.id ?? initialModelId}
        models={models.map((m) => ({ id: m.id, name: m.name, resolution: m.architecture.resolution, numWs: m.architecture.numWs, license: m.license?.spdxId ?? m.license?.name ?? null }))}
        initialView={initialView}
        initialLatent={latent}
        workspace={team}
      />
    </div>
  );
}
