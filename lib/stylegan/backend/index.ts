/**
 * Run-time choice of the TensorFlow.js backend, in order of preference:
 * webgpu on a hardware adapter (Dawn, ./webgpu.ts) → tfjs-node-gpu → tfjs-node
 * (both only when the user installed them, with their own libtensorflow) →
 * wasm (SIMD, one thread: threads do not work in Node) → cpu. The native
 * packages are loaded through a guarded dynamic require so a missing or broken
 * package just falls through to the next choice. The environment variable
 * TFJS_BACKEND (webgpu | node-gpu | node | wasm | cpu) forces one choice (and
 * fails loudly if it cannot be had); forced webgpu also takes a software
 * adapter (Mesa llvmpipe), which is how CI runs it. The choice is logged once,
 * with the GPU adapter and why earlier choices were skipped, and is available
 * from getBackendInfo(). A lost GPU device switches the process to the next
 * backend (one log line); jobs in flight fail through assertBackendAlive().
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../kernels';
import { assertWebGpuDeviceAlive, describeAdapter, onWebGpuDeviceLost, startWebGpu, webGpuLossCount, type GpuAdapterSummary } from './webgpu';

export { describeAdapter, type GpuAdapterSummary } from './webgpu';

export type BackendChoice = 'webgpu' | 'node-gpu' | 'node' | 'wasm' | 'cpu';

export interface BackendInfo {
  /** what was chosen */
  choice: BackendChoice;
  /** tf.getBackend() name: 'webgpu' | 'tensorflow' | 'wasm' | 'cpu' */
  tfBackend: string;
  /** true when forced by TFJS_BACKEND */
  forced: boolean;
  /** wasm only: SIMD / thread support as reported by tfjs */
  simd?: boolean;
  threads?: boolean;
  /** webgpu only: the GPU adapter (vendor, architecture, description, software or hardware) */
  adapter?: GpuAdapterSummary;
  /** why earlier choices were skipped */
  skipped: { choice: BackendChoice; reason: string }[];
}

const ORDER: BackendChoice[] = ['webgpu', 'node-gpu', 'node', 'wasm', 'cpu'];
const NATIVE_PACKAGES: Record<'node-gpu' | 'node', string> = {
  'node-gpu': '@tensorflow/tfjs-node-gpu',
  node: '@tensorflow/tfjs-node',
};

let info: BackendInfo | null = null;
let pending: Promise<BackendInfo> | null = null;

function localRequire(): NodeRequire {
  // __filename where it exists (CommonJS, and bundles of it, where import.meta is empty).
  return createRequire(typeof __filename === 'string' ? __filename : import.meta.url);
}

/** The wasm package's dist/ folder (holds the .wasm binaries), with a trailing separator. */
export function wasmDistDir(): string {
  const main = localRequire().resolve('@tensorflow/tfjs-backend-wasm');
  return path.join(path.dirname(main), path.sep);
}

let wasmPathsSet = false;

async function tryChoice(choice: BackendChoice, forced: boolean): Promise<Omit<BackendInfo, 'forced' | 'skipped'>> {
  let adapter: GpuAdapterSummary | undefined;
  if (choice === 'webgpu') {
    // Chosen automatically only on a hardware adapter; forced, a software one will do.
    adapter = (await startWebGpu(forced)).adapter;
  } else if (choice === 'node-gpu' || choice === 'node') {
    // Importing the package registers the 'tensorflow' backend with the shared tfjs-core.
    localRequire()(NATIVE_PACKAGES[choice]);
    if (!(await tf.setBackend('tensorflow'))) throw new Error('setBackend(tensorflow) failed');
  } else if (choice === 'wasm') {
    if (!wasmPathsSet) {
      setWasmPaths(wasmDistDir());
      wasmPathsSet = true;
    }
    if (!(await tf.setBackend('wasm'))) throw new Error('setBackend(wasm) failed');
    // Conv2D weight gradients and a fast input gradient (stock wasm lacks/slows them).
    registerWasmTrainingKernels();
  } else {
    if (!(await tf.setBackend('cpu'))) throw new Error('setBackend(cpu) failed');
  }
  await tf.ready();
  const out: Omit<BackendInfo, 'forced' | 'skipped'> = { choice, tfBackend: tf.getBackend() };
  if (adapter) out.adapter = adapter;
  if (choice === 'wasm') {
    out.simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
    out.threads = Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));
  }
  return out;
}

export function parseBackendOverride(value: string | undefined): BackendChoice | null {
  if (!value) return null;
  const v = value.trim().toLowerCase();
  if ((ORDER as string[]).includes(v)) return v as BackendChoice;
  throw new Error(`TFJS_BACKEND must be one of ${ORDER.join(', ')}; got '${value}'`);
}

/**
 * Select and initialise the backend (once per process; later calls return the
 * same result). `opts.backend` takes precedence over TFJS_BACKEND.
 */
export function initBackend(opts: { backend?: BackendChoice; quiet?: boolean } = {}): Promise<BackendInfo> {
  if (info) return Promise.resolve(info);
  if (!pending) {
    pending = select(opts).then(
      (result) => {
        info = result;
        if (!opts.quiet) process.stderr.write(`${describeBackendInfo(result)}\n`);
        return result;
      },
      (err) => {
        pending = null;
        throw err;
      },
    );
  }
  return pending;
}

async function select(opts: { backend?: BackendChoice }): Promise<BackendInfo> {
  const forced = parseBackendOverride(opts.backend ?? process.env.TFJS_BACKEND);
  if (forced) {
    const result = await tryChoice(forced, true);
    return { ...result, forced: true, skipped: [] };
  }
  const skipped: BackendInfo['skipped'] = [];
  for (const choice of ORDER) {
    try {
      const result = await tryChoice(choice, false);
      return { ...result, forced: false, skipped };
    } catch (err) {
      skipped.push({ choice, reason: err instanceof Error ? err.message.split('\n')[0] : String(err) });
    }
  }
  throw new Error(`no tfjs backend could be initialised: ${JSON.stringify(skipped)}`);
}

/**
 * Switch to one specific backend now (tests and benchmarks that compare
 * backends in one process). Replaces what getBackendInfo() reports.
 */
export async function activateBackend(choice: BackendChoice): Promise<BackendInfo> {
  if (pending) await pending.catch(() => undefined);
  const result = { ...(await tryChoice(choice, true)), forced: true, skipped: [] };
  info = result;
  pending = Promise.resolve(result);
  return result;
}

/**
 * The one log line of a backend choice: what was chosen, the GPU adapter, and why the GPU
 * (webgpu) was passed over when it was.
 */
export function describeBackendInfo(info: BackendInfo): string {
  let line = `[stylegan] tfjs backend: ${info.choice}`;
  if (info.choice === 'wasm') line += ` (simd=${info.simd}, threads=${info.threads})`;
  if (info.adapter) line += ` on ${describeAdapter(info.adapter)}`;
  if (info.forced) line += ' [TFJS_BACKEND]';
  const gpu = info.skipped.find((s) => s.choice === 'webgpu');
  if (gpu) line += `; webgpu skipped: ${gpu.reason}`;
  return line;
}

/** A mark to pass to assertBackendAlive later: work that starts now takes one. */
export function backendEpoch(): number {
  return webGpuLossCount();
}

/**
 * Throws a clear error when the GPU device was lost since `since` (a backendEpoch() taken when
 * the work started: its tensors lived on that device), or, without it, when the current
 * backend's device is lost. Long jobs call it between steps, so that a lost device fails the
 * job instead of computing nothing; the process itself has moved on to the next backend.
 */
export function assertBackendAlive(since?: number): void {
  assertWebGpuDeviceAlive(since);
}

// A lost device leaves tensors unusable: the process moves to the next backend that starts.
onWebGpuDeviceLost(() => {
  if (info?.choice !== 'webgpu') return;
  const next = ORDER.slice(ORDER.indexOf('webgpu') + 1);
  // From now on initBackend() waits for the switch instead of answering the lost choice.
  info = null;
  pending = (async () => {
    for (const choice of next) {
      try {
        const result: BackendInfo = { ...(await tryChoice(choice, false)), forced: false, skipped: [{ choice: 'webgpu', reason: 'device lost' }] };
        info = result;
        process.stderr.write(`[stylegan] WebGPU device lost: switched to ${choice}\n`);
        return result;
      } catch {
        // try the next one
      }
    }
    throw new Error('WebGPU device lost and no other backend starts');
  })();
  pending.catch(() => undefined); // reported to whoever calls initBackend() next
});

/** The backend chosen by initBackend(), or null before it has run. */
export function getBackendInfo(): BackendInfo | null {
  return info;
}

/** Forget the cached choice so that the next initBackend() selects again (tests only). */
export function resetBackendSelectionForTests(): void {
  info = null;
  pending = null;
}
