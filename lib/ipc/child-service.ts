// A long-lived helper process of the web server, spoken to over IPC: started on the first
// request and again after it dies, one request id per call. Used for CPU-heavy work that must
// stay out of the web server's event loop and bundle (the directions preview renderer, face
// detection for projections). The child is TypeScript run by tsx, as the worker is, and
// answers { ready: true } once, then { id, ok: true, value } or { id, ok: false, error, ... }.
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';

export type ChildFailure = { id: number; ok: false; error: string } & Record<string, unknown>;
type Reply<T> = { id: number; ok: true; value: T } | ChildFailure;
type Pending<T> = { resolve: (v: T) => void; reject: (e: Error) => void };
type Running<T> = { child: ChildProcess; ready: Promise<void>; pending: Map<number, Pending<T>>; next: number };

// Taken at run time so the bundler does not try to bundle the script the child runs.
function childProcessModule(): typeof import('node:child_process') {
  return process.getBuiltinModule('node:child_process') as typeof import('node:child_process');
}

const running = globalThis as unknown as { atelierChildServices?: Map<string, Running<unknown>> };

/**
 * `script`: path from the project root. `toError` turns a failure reply into the error the caller
 * throws. 'advanced' serialisation lets typed arrays cross as they are.
 */
export function childService<Req extends object, T>(name: string, script: string, toError: (reply: ChildFailure) => Error) {
  const services = (running.atelierChildServices ??= new Map());

  function start(): Running<T> {
    const pending = new Map<number, Pending<T>>();
    const child = childProcessModule().fork(path.join(process.cwd(), script), [], {
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
    child.on('message', (msg: Reply<T> | { ready: true }) => {
      if ('ready' in msg) return markReady();
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.value);
      else p.reject(toError(msg));
    });
    child.on('exit', (code) => {
      failStart(new Error(`${name} exited (${code}) before it was ready`));
      for (const p of pending.values()) p.reject(new Error(`${name} exited (${code})`));
      pending.clear();
      if (services.get(name)?.child === child) services.delete(name);
    });
    const s: Running<T> = { child, ready, pending, next: 1 };
    services.set(name, s as Running<unknown>);
    return s;
  }

  return async function request(req: Req): Promise<T> {
    const s = (services.get(name) as Running<T> | undefined) ?? start();
    await s.ready;
    const id = s.next++;
    return new Promise<T>((resolve, reject) => {
      s.pending.set(id, { resolve, reject });
      s.child.send({ ...req, id });
    });
  };
}

/** The child's side: handle requests one at a time, in order, and reply in the shape above. */
export function serveRequests<Req extends { id: number }>(handle: (req: Req) => Promise<unknown>, failure: (err: unknown) => Record<string, unknown> = () => ({})) {
  let chain: Promise<void> = Promise.resolve();
  process.on('message', (msg: Req) => {
    chain = chain.then(async () => {
      try {
        process.send?.({ id: msg.id, ok: true, value: await handle(msg) });
      } catch (err) {
        process.send?.({ id: msg.id, ok: false, error: err instanceof Error ? err.message : String(err), ...failure(err) });
      }
    });
  });
  // Exit with the web server that started it.
  process.on('disconnect', () => process.exit(0));
  process.send?.({ ready: true });
}
