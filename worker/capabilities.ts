// Queues this worker process can serve on this host. Video jobs need ffmpeg: a worker without
// it leaves them in the queue for a worker that has it (nothing is lost), says so in its log,
// and marks the waiting video jobs so their pages say why they wait.
import os from 'node:os';
import { db } from '@/lib/db';
import type { QueueName } from '@/lib/queue/define-job';
import { jobDefinitions } from '@/lib/queue/registry';
import { ffmpegMissing } from '@/lib/videos/ffmpeg';

export async function queuesThisWorkerCanRun(queues: QueueName[]): Promise<QueueName[]> {
  if (!queues.includes('video')) return queues;
  const missing = ffmpegMissing();
  if (!missing) return queues;
  console.error(`[worker] not taking video jobs: ${missing}`);
  const videoTypes = jobDefinitions().filter((d) => d.queue === 'video').map((d) => d.name);
  await db.job.updateMany({
    where: { type: { in: videoTypes }, state: 'QUEUED' },
    data: { message: `Waiting for a worker with ffmpeg (worker ${os.hostname()}:${process.pid} has none)` },
  });
  return queues.filter((q) => q !== 'video');
}
