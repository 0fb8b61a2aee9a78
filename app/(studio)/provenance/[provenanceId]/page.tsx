import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ProvenancePanel } from '@/components/provenance-panel';
import { getCurrentUser } from '@/lib/auth/current-user';
import { getProvenanceForUser, provenanceNames } from '@/lib/provenance/get-provenance';
import { NameLink } from '@/components/provenance-panel';

export const metadata: Metadata = { title: 'Provenance' };

/** A provenance record as a page (linked from downloads and /verify for those who may see it). */
export default async function ProvenancePage({ params }: { params: Promise<{ provenanceId: string }> }) {
  const { provenanceId } = await params;
  const user = await getCurrentUser();
  const record = await getProvenanceForUser(user, provenanceId).catch(() => null);
  if (!record) notFound();
  const { artifact } = await provenanceNames(user, record);
  const imageAsset = record.files.find((f) => f.variant === 'stored' && f.mime.startsWith('image/'));
  const fileAsset = record.files.find((f) => f.variant === 'stored');
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold" data-testid="provenance-title">
        Provenance of {record.artifact.type.toLowerCase()} {artifact.name ? <NameLink link={{ ...artifact, kind: 'item' }} /> : <code className="text-base">{record.artifact.id}</code>}
      </h1>
      {imageAsset && (
        // eslint-disable-next-line @next/next/no-img-element
        <img src={`/api/v1/assets/${imageAsset.assetId}/download`} alt="The artifact" className="max-h-80 rounded-lg border border-stone-200" />
      )}
      <ProvenancePanel provenanceId={record.id} downloadAssetId={fileAsset?.assetId} open />
    </div>
  );
}
