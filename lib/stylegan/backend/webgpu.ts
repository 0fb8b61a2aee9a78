/**
 * The tfjs WebGPU backend on Dawn in Node (`webgpu` on npm: Dawn's Node bindings, with a
 * prebuilt dawn.node inside the package, so it installs offline).
 *
 * Dawn is asked twice: first for its default adapter (Vulkan on Linux: a real GPU), then, when
 * software adapters are allowed, through its OpenGL ES backend in compatibility mode, which on
 * a machine without a GPU gives Mesa's llvmpipe (EGL_PLATFORM=surfaceless, no display needed).
 * Vulkan lavapipe, the other software path on Debian, is rejected by Dawn.
 *
 * Three snags of running the backend outside a browser, handled here:
 *   - the backend reads `navigator.gpu` and the GPU* constant objects from the global scope;
 *   - its own factory asks for an adapter without compatibility mode and passes a nested array
 *     in requiredFeatures, so we register our own factory around our adapter and device;
 *   - `dataSync()` needs OffscreenCanvas: code that must run here reads with `await data()`.
 */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import * as tf from '@tensorflow/tfjs';

export interface GpuAdapterSummary {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** true for a CPU rasteriser (llvmpipe, SwiftShader, …) */
  software: boolean;
  /** which Dawn backend produced it: 'default' (Vulkan/Metal/D3D12) or 'opengles' */
  dawnBackend: 'default' | 'opengles';
}

export interface WebGpuState {
  adapter: GpuAdapterSummary;
  /** set once the device is lost (driver reset, GPU removed, …) */
  lost: { reason: string; message: string } | null;
}

type DawnModule = {
  create: (flags: string[]) => GPU;
  globals: Record<string, unknown>;
};

const SOFTWARE = /llvmpipe|lavapipe|softpipe|swiftshader|software|cpu device/i;

let state: WebGpuState | null = null;
/** How many devices were lost in this process (work started before a loss must stop). */
let losses = 0;
let device: GPUDevice | null = null;
/** Dawn instances must outlive their adapters and devices. */
const instances: GPU[] = [];
const lostListeners: ((lost: NonNullable<WebGpuState['lost']>) => void)[] = [];

async function loadDawn(): Promise<DawnModule> {
  // Dawn's GL backend needs EGL without a display; XDG_RUNTIME_DIR only silences a warning.
  process.env.EGL_PLATFORM ??= 'surfaceless';
  if (!process.env.XDG_RUNTIME_DIR) {
    const dir = path.join(os.tmpdir(), `xdg-runtime-${process.getuid?.() ?? 'user'}`);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    process.env.XDG_RUNTIME_DIR = dir;
  }
  const mod = (await import('webgpu')) as unknown as DawnModule;
  // The backend uses GPUBufferUsage, GPUMapMode, GPUTextureUsage, … as globals.
  for (const [name, value] of Object.entries(mod.globals)) {
    if (!(name in globalThis)) (globalThis as Record<string, unknown>)[name] = value;
  }
  return mod;
}

function summarise(adapter: GPUAdapter, dawnBackend: GpuAdapterSummary['dawnBackend']): GpuAdapterSummary {
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  const out = {
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    description: info.description ?? '',
  };
  const software = Boolean(info.isFallbackAdapter) || SOFTWARE.test(`${out.vendor} ${out.architecture} ${out.device} ${out.description}`);
  return { ...out, software, dawnBackend };
}

/** One line for logs: "NVIDIA H200 (nvidia, hopper; hardware, Dawn default)". */
export function describeAdapter(a: GpuAdapterSummary): string {
  const name = a.description || a.device || a.vendor || 'unknown adapter';
  const detail = [a.vendor, a.architecture].filter(Boolean).join(', ');
  return `${name}${detail ? ` (${detail})` : ''}; ${a.software ? 'software' : 'hardware'}, Dawn ${a.dawnBackend}`;
}

/**
 * Finds an adapter: the default (hardware) one first, then — only when `allowSoftware` — the
 * OpenGL ES compatibility adapter. Throws with the reason when none fits.
 */
async function findAdapter(dawn: DawnModule, allowSoftware: boolean): Promise<{ adapter: GPUAdapter; summary: GpuAdapterSummary }> {
  const extra = (process.env.ATELIER_DAWN_FLAGS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const seen: string[] = [];
  const attempts: { flags: string[]; options: GPURequestAdapterOptions; kind: GpuAdapterSummary['dawnBackend'] }[] = [
    { flags: extra, options: { powerPreference: 'high-performance' }, kind: 'default' },
  ];
  if (allowSoftware && !extra.some((f) => f.startsWith('backend='))) {
    attempts.push({ flags: ['backend=opengles'], options: { featureLevel: 'compatibility' } as GPURequestAdapterOptions, kind: 'opengles' });
  }
  for (const attempt of attempts) {
    let adapter: GPUAdapter | null = null;
    try {
      const gpu = dawn.create(attempt.flags);
      instances.push(gpu);
      adapter = await gpu.requestAdapter(attempt.options);
    } catch (err) {
      seen.push(`${attempt.kind}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      continue;
    }
    if (!adapter) {
      seen.push(`${attempt.kind}: no adapter`);
      continue;
    }
    const summary = summarise(adapter, attempt.kind);
    if (/null-backend/i.test(summary.device)) {
      // Dawn's null backend accepts work and computes nothing: never a real adapter.
      seen.push(`${attempt.kind}: only Dawn's null backend`);
      continue;
    }
    if (summary.software && !allowSoftware) {
      seen.push(`${attempt.kind}: only a software adapter (${summary.description || summary.device})`);
      continue;
    }
    return { adapter, summary };
  }
  throw new Error(`no ${allowSoftware ? '' : 'hardware '}WebGPU adapter (${seen.join('; ')})`);
}

/**
 * Starts the webgpu backend (once per process) and makes it the active tfjs backend.
 * `allowSoftware`: accept a CPU rasteriser (TFJS_BACKEND=webgpu); the automatic choice
 * takes only hardware adapters.
 */
export async function startWebGpu(allowSoftware: boolean): Promise<WebGpuState> {
  if (state && device && !state.lost) {
    if (state.adapter.software && !allowSoftware) throw new Error(`no hardware WebGPU adapter (have ${describeAdapter(state.adapter)})`);
    if (!(await tf.setBackend('webgpu'))) throw new Error('setBackend(webgpu) failed');
    return state;
  }
  const dawn = await loadDawn();
  const { adapter, summary } = await findAdapter(dawn, allowSoftware);
  const gpu = instances[instances.length - 1];
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
  if (nav) {
    if (!nav.gpu) Object.defineProperty(nav, 'gpu', { value: gpu, configurable: true });
  } else {
    Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
  }
  const { WebGPUBackend } = await import('@tensorflow/tfjs-backend-webgpu');
  const requiredFeatures: GPUFeatureName[] = [];
  if (adapter.features.has('timestamp-query')) requiredFeatures.push('timestamp-query');
  const l = adapter.limits;
  const dev = await adapter.requestDevice({
    requiredFeatures,
    requiredLimits: {
      maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
      maxComputeWorkgroupsPerDimension: l.maxComputeWorkgroupsPerDimension,
      maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
      maxBufferSize: l.maxBufferSize,
      maxComputeWorkgroupSizeX: l.maxComputeWorkgroupSizeX,
      maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
    },
  });
  const current: WebGpuState = { adapter: summary, lost: null };
  void dev.lost.then((info) => {
    if (current.lost) return;
    current.lost = { reason: String(info.reason ?? 'unknown'), message: info.message || 'no message' };
    losses += 1;
    process.stderr.write(`[stylegan] WebGPU device lost (${current.lost.reason}: ${current.lost.message})\n`);
    for (const listener of lostListeners) listener(current.lost);
  });
  // The package registers its own factory when navigator.gpu exists at import; ours replaces it.
  if (tf.findBackendFactory('webgpu')) tf.removeBackend('webgpu');
  tf.registerBackend('webgpu', () => new WebGPUBackend(dev, adapter.info), 1);
  if (!(await tf.setBackend('webgpu'))) throw new Error('setBackend(webgpu) failed');
  state = current;
  device = dev;
  return current;
}

/** The webgpu backend's state, or null when it was never started. */
export function webGpuState(): WebGpuState | null {
  return state;
}

/** Called once per loss of the device (for the backend selection to fall back). */
export function onWebGpuDeviceLost(listener: (lost: NonNullable<WebGpuState['lost']>) => void): void {
  lostListeners.push(listener);
}

/** Destroys the device as a driver reset would (tests of the device-lost path only). */
export function loseWebGpuDeviceForTests(): void {
  device?.destroy();
}

/** The number of device losses so far: work records it when it starts (assertWebGpuDeviceAlive). */
export function webGpuLossCount(): number {
  return losses;
}

/**
 * Throws a clear error when a device was lost since `since` (a webGpuLossCount() taken when
 * the work started), or, without it, when the webgpu backend is active on a lost device.
 */
export function assertWebGpuDeviceAlive(since?: number): void {
  const lost = since === undefined ? Boolean(state?.lost) && tf.getBackend() === 'webgpu' : losses > since;
  if (lost && state?.lost) {
    throw new Error(`GPU device lost (${state.lost.reason}: ${state.lost.message}); this job stopped, the worker goes on with another backend`);
  }
}

/** Asks Dawn for an adapter as startWebGpu would, without starting anything (tests only). */
export async function findWebGpuAdapterForTests(allowSoftware: boolean): Promise<GpuAdapterSummary> {
  return (await findAdapter(await loadDawn(), allowSoftware)).summary;
}
