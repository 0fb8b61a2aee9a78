// The web app's side of face detection and alignment: one long-lived child process
// (target-process.ts), started on the first photo and again if it dies. Typed arrays cross
// the IPC channel as they are (advanced serialisation).
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { TargetImageError, type DetectedFace, type PreparedTarget, type TargetErrorCode } from '@/lib/stylegan/projection/target-image';

// Taken at run time so the bundler leaves the child's TypeScript alone (tsx runs it).
function childProcessModule(): typeof import('node:child_process') {
  return process.getBuiltinModule('node:child_process') as typeof import('node:child_process');
}

type Reply =
  | { id: number; ok: true; target: PreparedTarget }
  | { id: number; ok: false; error: string; code?: TargetErrorCode; faces?: DetectedFace[] };
type Pending = { resolve: (t: PreparedTarget) => void; reject: (e: Error) => void };

const state = globalThis as unknown as { atelierTargetChild?: { child: ChildProcess; ready: Promise<void>; pending: Map<number, Pending>; next: number } };

function start() {
  const pending = new Map<number, Pending>();
  const script = path.join(process.cwd(), 'lib', 'projection', 'target-process.ts');
  const child = childProcessModule().fork(script, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
    env: process.env,
  });
  let markReady: () => void = () => {};
  let failStart: (e: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    failStart = reject;
  });
  ready.catch(() => {}); // observed by the callers that await it
  child.on('message', (msg: Reply | { ready: true }) => {
    if ('ready' in msg) return markReady();
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.target);
    else p.reject(msg.code ? new TargetImageError(msg.code, msg.error, msg.faces) : new Error(`face detection: ${msg.error}`));
  });
  child.on('exit', (code) => {
    failStart(new Error(`face detection process exited (${code}) before it was ready`));
    for (const p of pending.values()) p.reject(new Error(`face detection process exited (${code})`));
    pending.clear();
    if (state.atelierTargetChild?.child === child) state.atelierTargetChild = undefined;
  });
  state.atelierTargetChild = { child, ready, pending, next: 1 };
  return state.atelierTargetChild;
}

/** prepareTarget (decode, find and align the face), run in the face-detection process. */
export async function prepareTargetOffThread(bytes: Uint8Array, resolution: number, opts: { align: boolean; faceIndex: number | null }): Promise<PreparedTarget> {
  const s = state.atelierTargetChild ?? start();
  await s.ready;
  const id = s.next++;
  return new Promise<PreparedTarget>((resolve, reject) => {
    s.pending.set(id, { resolve, reject });
    s.child.send({ id, bytes, resolution, align: opts.align, faceIndex: opts.faceIndex });
  });
}
