// Runs the training core in a worker thread, so the job's own thread stays free to renew
// its queue lock, write progress and watch for cancel requests while tensors are crunched.
// A shared flag is the stop request: checked after every step (train() then finishes the
// step, writes a final snapshot and returns). Snapshot files are read as soon as they are
// written and sent to the job thread, which copies them to shared storage.
import fs from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { train, type TrainInput } from '@/lib/stylegan/train';
import type { ThreadMessage } from '@/lib/training/thread-messages';

const { input, stopFlag } = workerData as { input: TrainInput; stopFlag: SharedArrayBuffer };
const stop = new Int32Array(stopFlag);
const controller = new AbortController();
const post = (m: ThreadMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(m, transfer);

train(input, {
  signal: controller.signal,
  log: (line) => post({ type: 'log', line }),
  onProgress(p) {
    if (Atomics.load(stop, 0) === 1 && !controller.signal.aborted) controller.abort();
    if (p.event === 'snapshot') {
      const names = ['latest.json', p.latest.state, p.latest.network, p.latest.optimizer, p.latest.grid].filter((n): n is string => !!n);
      const files: Record<string, Uint8Array> = {};
      for (const name of names) files[name] = new Uint8Array(fs.readFileSync(path.join(input.outdir, name)));
      post({ type: 'snapshot', tick: p.tick, kimg: p.kimg, latest: p.latest, files }, Object.values(files).map((f) => f.buffer as ArrayBuffer));
    } else {
      post({ type: 'progress', progress: p });
    }
  },
}).then(
  (result) => post({ type: 'done', result: { reason: result.reason, kimg: result.kimg, tick: result.tick, augmentP: result.augmentP, backend: result.backend } }),
  (err: Error) => post({ type: 'error', name: err?.name ?? 'Error', message: err?.message ?? String(err) }),
);
