import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ApiError } from '@/lib/api/errors';
import { requireUser } from '@/lib/auth/current-user';
import { getProjection } from '@/lib/projection/get-projection';
import { LIKENESS_CONFIRMATION } from '@/lib/projection/privacy';
import { ProjectionLive } from './projection-live';

export const metadata: Metadata = { title: 'Projection' };

export default async function ProjectionPage({ params }: { params: Promise<{ projectionId: string }> }) {
  const user = await requireUser();
  const { projectionId } = await params;
  const projection = await getProjection(user.id, projectionId).catch((err) => {
    if (err instanceof ApiError && err.code === 'not_found') notFound();
    throw err;
  });
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">{projection.settings.name}</h1>
        <Link href="/projections" className="text-sm text-accent hover:underline">All projections</Link>
      </div>
      <ProjectionLive initial={projection} likenessText={LIKENESS_CONFIRMATION} />
    </div>
  );
}
