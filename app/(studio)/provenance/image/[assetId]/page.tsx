import { notFound, redirect } from 'next/navigation';
import { getCurrentUser } from '@/lib/auth/current-user';
import { getProvenanceForUser } from '@/lib/provenance/get-provenance';
import { provenanceForAsset } from '@/lib/provenance/record-provenance';

/** "How was this made?" for a stored image (the explorer's focus): its record's page. */
export default async function ImageProvenancePage({ params }: { params: Promise<{ assetId: string }> }) {
  const { assetId } = await params;
  const recordId = await provenanceForAsset(assetId);
  const record = recordId ? await getProvenanceForUser(await getCurrentUser(), recordId).catch(() => null) : null;
  if (!record) notFound();
  redirect(`/provenance/${record.id}`);
}
