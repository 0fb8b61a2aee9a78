/**
 * Run-time choice of the TensorFlow.js backend, in order of preference:
 * tfjs-node-gpu → tfjs-node → wasm (SIMD, one thread: threads do not work in
 * Node) → cpu. The native packages are optional dependencies that are usually
 * absent; they are loaded through a guarded dynamic require so a missing or
 * broken package just falls through to the next choice. The environment
 * variable TFJS_BACKEND (node-gpu | node | wasm | cpu) forces one choice (and
 * fails loudly if it cannot be had). The choice is logged once and available
 * from getBackendInfo().
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from './kernels';

export type BackendChoice = 'node-gpu' | 'node' | 'wasm' | 'cpu';

export interface BackendInfo {
  /** what was chosen */
  choice: BackendChoice;
  /** tf.getBackend() name: 'tensorflow' | 'wasm' | 'cpu' */
  tfBackend: string;
  /** true when forced by TFJS_BACKEND */
  forced: boolean;
  /** wasm only: SIMD / thread support as reported by tfjs */
  simd?: boolean;
  threads?: boolean;
  /** why earlier choices were skipped */
  skipped: { choice: BackendChoice; reason: string }[];
}

const ORDER: BackendChoice[] = ['node-gpu', 'node', 'wasm', 'cpu'];
const NATIVE_PACKAGES: Record<'node-gpu' | 'node', string> = {
  'node-gpu': '@tensorflow/tfjs-node-gpu',
  node: '@tensorflow/tfjs-node',
};

let info: BackendInfo | null = null;
let pending: Promise<BackendInfo> | null = null;

function localRequire(): NodeRequire {
  return createRequire(import.meta.url);
}

/** The wasm package's dist/ folder (holds the .wasm binaries), with a trailing separator. */
export function wasmDistDir(): string {
  const main = localRequire().resolve('@tensorflow/tfjs-backend-wasm');
  return path.join(path.dirname(main), path.sep);
}

let wasmPathsSet = false;

async function tryChoice(choice: BackendChoice): Promise<Omit<BackendInfo, 'forced' | 'skipped'>> {
  if (choice === 'node-gpu' || choice === 'node') {
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
        if (!opts.quiet) {
          const extra = result.choice === 'wasm' ? ` (simd=${result.simd}, threads=${result.threads})` : '';
          process.stderr.write(`[stylegan] tfjs backend: ${result.choice}${extra}${result.forced ? ' [TFJS_BACKEND]' : ''}\n`);
        }
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
  const forced = opts.backend ?? parseBackendOverride(process.env.TFJS_BACKEND);
  if (forced) {
    const result = await tryChoice(forced);
    return { ...result, forced: true, skipped: [] };
  }
  const skipped: BackendInfo['skipped'] = [];
  for (const choice of ORDER) {
    try {
      const result = await tryChoice(choice);
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
  const result = { ...(await tryChoice(choice)), forced: true, skipped: [] };
  info = result;
  pending = Promise.resolve(result);
  return result;
}

/** The backend chosen by initBackend(), or null before it has run. */
export function getBackendInfo(): BackendInfo | null {
  return info;
}

/** Forget the cached choice so that the next initBackend() selects again (tests only). */
export function resetBackendSelectionForTests(): void {
  info = null;
  pending = null;
}
