import { withAuth } from '@/lib/api/with-auth';
import { listWorkers } from '@/lib/workers/list-workers';

/** Every registered worker process: host, queues, tfjs backend, GPU adapter and state. */
export const GET = withAuth({ access: 'admin' }, async () => ({ workers: await listWorkers() }));
