// The web app's side of the preview renderer: one long-lived child process (preview-process.ts),
// started on the first preview and again if it dies. A preview is one IPC round trip: no job row,
// no queue, nothing stored. Synthesis stays out of the web server's event loop.
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';

// Taken at run time so the bundler does not try to bundle the script the child runs (it is
// TypeScript run by tsx, as the worker is).
function childProcessModule(): typeof import('node:child_process') {
  return process.getBuiltinModule('node:child_process') as typeof import('node:child_process');
}

type Reply = { id: number; ok: true; png: string; backend: string; renderMs: number } | { id: number; ok: false; error: string };
type Pending = { resolve: (r: { png: Buffer; backend: string; renderMs: number }) => void; reject: (e: Error) => void };

const state = globalThis as unknown as { atelierPreviewChild?: { child: ChildProcess; ready: Promise<void>; pending: Map<number, Pending>; next: number } };

function start() {
  const pending = new Map<number, Pending>();
  const script = path.join(process.cwd(), 'lib', 'directions', 'preview-process.ts');
  const child = childProcessModule().fork(script, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: process.env });
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
    if (msg.ok) p.resolve({ png: Buffer.from(msg.png, 'base64'), backend: msg.backend, renderMs: msg.renderMs });
    else p.reject(new Error(`preview renderer: ${msg.error}`));
  });
  child.on('exit', (code) => {
    failStart(new Error(`preview renderer exited (${code}) before it was ready`));
    for (const p of pending.values()) p.reject(new Error(`preview renderer exited (${code})`));
    pending.clear();
    if (state.atelierPreviewChild?.child === child) state.atelierPreviewChild = undefined;
  });
  state.atelierPreviewChild = { child, ready, pending, next: 1 };
  return state.atelierPreviewChild;
}

export async function renderPreviewPng(checkpointId: string, wplus: number[][], noiseMode: 'const' | 'random' | 'none') {
  const s = state.atelierPreviewChild ?? start();
  await s.ready;
  const id = s.next++;
  return new Promise<{ png: Buffer; backend: string; renderMs: number }>((resolve, reject) => {
    s.pending.set(id, { resolve, reject });
    s.child.send({ id, checkpointId, wplus, noiseMode });
  });
}
