import { withAuth } from '@/lib/api/with-auth';
import { listMetrics, startMetrics, startMetricsInput } from '@/lib/metrics/start-metrics';

export const GET = withAuth({ access: 'public' }, async ({ user, params }) => listMetrics(user?.id ?? null, params.modelId));

export const POST = withAuth({ body: startMetricsInput }, async ({ user, params, body }) => ({ run: await startMetrics(user.id, params.modelId, body) }));
