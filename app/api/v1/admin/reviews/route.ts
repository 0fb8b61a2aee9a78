import { z } from 'zod';
import { withAuth } from '@/lib/api/with-auth';
import { listReviews } from '@/lib/admin/reviews';

const query = z.object({ status: z.enum(['PENDING', 'DECIDED']).default('PENDING') });

export const GET = withAuth({ access: 'admin', query }, async ({ query }) => listReviews(query.status));
