import { withAuth } from '@/lib/api/with-auth';
import { cuesInput, tickCues } from '@/lib/quiz/play-round';
import { requestPlayer } from '@/lib/quiz/request-player';

/** The artefact cues that gave the fake away, once per answered round. */
export const POST = withAuth({ access: 'public', body: cuesInput }, async ({ user, req, params, body }) =>
  tickCues(requestPlayer(req, user?.id ?? null), params.roundId, body),
);
