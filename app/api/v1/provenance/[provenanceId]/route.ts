import { withAuth } from '@/lib/api/with-auth';
import { getProvenanceForUser } from '@/lib/provenance/get-provenance';

/** How an artifact was made; visible to whoever may see the artifact (else 404). */
export const GET = withAuth({ access: 'public' }, async ({ user, params }) => ({
  provenance: await getProvenanceForUser(user, params.provenanceId),
}));
