// A video of the 32 px fixture model (lib/training/test-helpers.ts createFixtureModel): two
// keyframes from fixed z vectors, enqueued through the real service.
import { db } from '@/lib/db';
import { createVideo } from '@/lib/videos/videos';

export async function createFixtureVideo(userId: string, modelId: string, timing: { secondsPerTransition: number; fps: number }) {
  const checkpointId = (await db.checkpoint.findFirstOrThrow({ where: { modelId }, select: { id: true } })).id;
  const latents = await Promise.all(
    [1, 2].map((seed) =>
      db.latent.create({
        data: { name: `k${seed}`, modelId, checkpointId, ownerId: userId, z: Array.from({ length: 64 }, (_, i) => Math.sin(seed * 7 + i)), psi: 0.7 },
        select: { id: true },
      }),
    ),
  );
  return createVideo(userId, { name: 'Fixture video', keyframes: latents.map((l) => l.id), space: 'z', easing: 'linear', size: 32, loop: false, noise: 'const', visibility: 'PRIVATE', ...timing });
}
