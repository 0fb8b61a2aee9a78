import { pollEventStream } from '@/lib/api/poll-event-stream';
import { findAccessibleRun, isFinished, presentRun } from '@/lib/training/training-runs';

const POLL_MS = 500;

/**
 * Server-sent events of a training run, read from its row (which the worker on any host
 * updates): `progress` (state, kimg, augment p, s/kimg, ETA), `tick` (one per tick report,
 * for the loss curves), `log` (new log text and its offset), `snapshot` (new checkpoint and sample grid),
 * then `done` with the final run.
 */
export function runEventStream(userId: string, runId: string, signal: AbortSignal): ReadableStream<Uint8Array> {
  let lastProgress = '';
  let ticksSent = 0;
  let logSent = 0;
  let checkpointsSent = 0;
  let firstTickSeen: number | null = null;
  return pollEventStream(signal, POLL_MS, async (send) => {
    const row = await findAccessibleRun(userId, runId);
    const run = presentRun(row);
    const progress = { state: run.state, kimg: run.kimg, targetKimg: run.targetKimg, progress: run.progress, augmentP: run.augmentP, secPerKimg: run.secPerKimg, etaSeconds: run.etaSeconds, cancelRequested: run.cancelRequested, error: run.error };
    const key = JSON.stringify(progress);
    if (key !== lastProgress) {
      lastProgress = key;
      send('progress', progress);
    }
    // Ticks may be rewritten after a resume (lost ticks are trained again): resend from the first changed one.
    const first = run.ticks[0]?.tick ?? null;
    if (first !== firstTickSeen || run.ticks.length < ticksSent) {
      ticksSent = 0;
      firstTickSeen = first;
    }
    for (const t of run.ticks.slice(ticksSent)) send('tick', t);
    ticksSent = run.ticks.length;
    if (row.log.length < logSent) logSent = 0;
    if (row.log.length > logSent) {
      // `from`: where the text goes in the log, so a reconnected stream (which starts again at 0)
      // replaces what the page shows instead of appending the whole log a second time.
      send('log', { text: row.log.slice(logSent), from: logSent });
      logSent = row.log.length;
    }
    if (run.checkpoints.length !== checkpointsSent) {
      checkpointsSent = run.checkpoints.length;
      send('snapshot', { checkpoints: run.checkpoints, sampleGridUrl: run.sampleGridUrl });
    }
    if (!isFinished(run.state)) return false;
    send('done', run);
    return true;
  });
}
