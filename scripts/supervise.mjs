// The process supervisor behind `npm run up`: runs each NAME=COMMAND in its own process group,
// restarts one that exits (for whatever reason) with exponential backoff and a log line, and
// stops them all only when it is itself told to (SIGINT, i.e. Ctrl-C, SIGTERM or SIGHUP).
//
//   node scripts/supervise.mjs "web=npx next start -p 3000" "worker=node --import tsx worker/index.ts"
//
// SUPERVISE_BACKOFF_MS (default 1000) is the first restart delay; it doubles on each quick
// exit up to SUPERVISE_BACKOFF_MAX_MS (30000) and starts over once a process has run a minute.
// SUPERVISE_STOP_GRACE_MS (default 30000): how long stopping waits before SIGKILL.
import { spawn } from 'node:child_process';

const BACKOFF_MS = Number(process.env.SUPERVISE_BACKOFF_MS ?? 1000);
const BACKOFF_MAX_MS = Number(process.env.SUPERVISE_BACKOFF_MAX_MS ?? 30_000);
const STOP_GRACE_MS = Number(process.env.SUPERVISE_STOP_GRACE_MS ?? 30_000);
const HEALTHY_AFTER_MS = 60_000;

const log = (line) => console.error(`[up] ${line}`);

const specs = process.argv.slice(2).map((arg) => {
  const eq = arg.indexOf('=');
  if (eq <= 0) {
    console.error(`usage: supervise.mjs NAME=COMMAND ... (got "${arg}")`);
    process.exit(2);
  }
  return { name: arg.slice(0, eq), command: arg.slice(eq + 1) };
});

let stopping = false;
const children = new Map(); // name -> { child, startedAt }
const delays = new Map(); // name -> next restart delay
const timers = new Set();

function start(spec) {
  if (stopping) return;
  // detached: its own process group, so a stop reaches everything it started (npx does not
  // pass signals on to next-server) and a Ctrl-C in the terminal reaches only this supervisor.
  const child = spawn('/bin/sh', ['-c', `exec ${spec.command}`], { detached: true, stdio: 'inherit' });
  children.set(spec.name, { child, startedAt: Date.now() });
  log(`${spec.name} started (pid ${child.pid})`);
  child.on('error', (err) => log(`${spec.name} could not start: ${err.message}`));
  child.on('exit', (code, signal) => {
    const ranMs = Date.now() - (children.get(spec.name)?.startedAt ?? Date.now());
    children.delete(spec.name);
    // Whatever it left in its group (next-server under a killed npx would keep the port).
    signalGroup(child, 'SIGKILL');
    if (stopping) return;
    let delay = delays.get(spec.name) ?? BACKOFF_MS;
    if (ranMs >= HEALTHY_AFTER_MS) delay = BACKOFF_MS;
    delays.set(spec.name, Math.min(delay * 2, BACKOFF_MAX_MS));
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    log(`${spec.name} (pid ${child.pid}) ${how} after ${(ranMs / 1000).toFixed(1)} s; restarting in ${(delay / 1000).toFixed(1)} s`);
    const timer = setTimeout(() => {
      timers.delete(timer);
      start(spec);
    }, delay);
    timers.add(timer);
  });
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

async function stop(signal) {
  if (stopping) return;
  stopping = true;
  for (const t of timers) clearTimeout(t);
  log(`${signal}: stopping ${[...children.keys()].join(', ') || 'nothing'}`);
  const exits = [...children.values()].map(({ child }) => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', resolve))));
  for (const { child } of children.values()) signalGroup(child, 'SIGTERM');
  const killer = setTimeout(() => {
    log(`still running after ${STOP_GRACE_MS / 1000} s: killing`);
    for (const { child } of children.values()) signalGroup(child, 'SIGKILL');
  }, STOP_GRACE_MS);
  await Promise.all(exits);
  clearTimeout(killer);
  log('stopped');
  process.exit(0);
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => void stop(sig));
for (const spec of specs) start(spec);
