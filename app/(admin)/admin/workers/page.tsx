import type { Metadata } from 'next';
import { requireAdmin } from '@/lib/auth/require-admin';
import { adapterName } from '@/lib/workers/gpu-adapter';
import { listWorkers, type WorkerRow } from '@/lib/workers/list-workers';
import { STALE_AFTER_MS, type WorkerState } from '@/lib/workers/worker-state';

export const metadata: Metadata = { title: 'Workers' };

const STATE_STYLE: Record<WorkerState, string> = {
  online: 'border-emerald-200 bg-emerald-50 text-emerald-800',
  stale: 'border-amber-200 bg-amber-50 text-amber-800',
  stopped: 'border-stone-200 bg-stone-100 text-stone-600',
};

function Badge({ className, title, children }: { className: string; title?: string; children: React.ReactNode }) {
  return <span title={title} className={`inline-block rounded-full border px-2 py-0.5 text-xs font-medium ${className}`}>{children}</span>;
}

function utc(date: Date) {
  return date.toISOString().replace('T', ' ').slice(0, 19);
}

function ago(date: Date, now: Date) {
  const s = Math.max(0, Math.round((now.getTime() - date.getTime()) / 1000));
  if (s < 120) return `${s} s ago`;
  if (s < 7200) return `${Math.round(s / 60)} min ago`;
  if (s < 172_800) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} days ago`;
}

function Backend({ worker }: { worker: WorkerRow }) {
  // Why the GPU was passed over, when it was: the first thing to check on a GPU host.
  const gpuSkipped = worker.backend !== 'webgpu' ? worker.skipped.find((s) => s.choice === 'webgpu') : undefined;
  return (
    <>
      <code>{worker.backend}</code>
      {worker.simd && <span className="text-stone-500"> (simd)</span>}
      {worker.backendForced && <span className="ml-1 text-xs text-stone-500" title="Forced by TFJS_BACKEND">forced</span>}
      {gpuSkipped && <p className="max-w-56 truncate text-xs text-stone-500" title={gpuSkipped.reason}>webgpu skipped: {gpuSkipped.reason}</p>}
    </>
  );
}

function Adapter({ worker }: { worker: WorkerRow }) {
  const a = worker.adapter;
  if (!a) return <span className="text-stone-400">—</span>;
  const detail = [a.vendor, a.architecture].filter(Boolean).join(' · ');
  return (
    <>
      <p>
        {adapterName(a)}{' '}
        {a.software
          ? <Badge className="border-amber-200 bg-amber-50 text-amber-800" title="A CPU rasteriser (e.g. Mesa llvmpipe), not a GPU">software</Badge>
          : <Badge className="border-sky-200 bg-sky-50 text-sky-800">hardware</Badge>}
      </p>
      {a.device && a.device !== adapterName(a) && <p className="text-xs text-stone-500">{a.device}</p>}
      <p className="text-xs text-stone-500">{detail || 'vendor unknown'}{a.dawnBackend === 'opengles' ? ' · Dawn OpenGL ES' : ''}</p>
    </>
  );
}

export default async function AdminWorkers() {
  await requireAdmin();
  const now = new Date();
  const workers = await listWorkers(now);
  const online = workers.filter((w) => w.state === 'online').length;
  const td = 'px-3 py-2 align-top';
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Workers <span className="text-base font-normal text-stone-500">({online} online)</span></h1>
      <p className="text-sm text-stone-500">
        Every worker process records itself here when it starts and every 15 s while it runs; one not heard from for {STALE_AFTER_MS / 1000} s is
        stale (it crashed or hangs), one that shut down gracefully is stopped. Times are UTC.
      </p>
      {workers.length === 0 ? (
        <div className="rounded-lg border border-dashed border-stone-300 bg-white p-8 text-center text-sm text-stone-500" data-testid="workers-empty">
          <p className="font-medium text-stone-700">No worker has registered yet.</p>
          <p className="mt-1">Start one with <code>npm run worker</code> (or the <code>worker</code> service in <code>docker-compose.yml</code>), pointed at this database and Redis.</p>
        </div>
      ) : (
        <div className="overflow-x-auto" data-table-scroll><table className="w-full rounded-lg border border-stone-200 bg-white text-sm" data-testid="workers">
          <thead className="bg-stone-50 text-left text-stone-500">
            <tr>
              <th className="px-3 py-2">Host</th><th className="px-3 py-2">Queues</th><th className="px-3 py-2">Backend</th><th className="px-3 py-2">GPU adapter</th>
              <th className="px-3 py-2">Started</th><th className="px-3 py-2">Last seen</th><th className="px-3 py-2">State</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-200">
            {workers.map((w) => (
              <tr key={w.id} data-worker-id={w.id} data-state={w.state}>
                <td className={td}>{w.hostname}<p className="text-xs text-stone-500">pid {w.pid}</p></td>
                <td className={`${td} text-xs`}>{w.queues.join(', ')}</td>
                <td className={td}><Backend worker={w} /></td>
                <td className={td}><Adapter worker={w} /></td>
                <td className={`${td} whitespace-nowrap`}>{utc(w.startedAt)}</td>
                <td className={`${td} whitespace-nowrap`} title={utc(w.lastSeenAt)}>{ago(w.lastSeenAt, now)}</td>
                <td className={td}><Badge className={STATE_STYLE[w.state]} title={w.stoppedAt ? `stopped ${utc(w.stoppedAt)}` : undefined}>{w.state}</Badge></td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
    </div>
  );
}
