/**
 * Data-parallel training on a CPU: worker threads that each hold a copy of G and D and run
 * whole passes (passes.ts) for the trainer. wasm runs one thread per Node isolate, so this
 * is how a training step uses more than one core there.
 *
 * Results are collected synchronously (the trainer reads them in pass order): a thread posts
 * its result on a MessagePort, bumps a shared counter and notifies; the trainer waits on the
 * counter (Atomics.wait) and takes the message with receiveMessageOnPort. Weights go to every
 * thread after each optimizer step; messages to a thread are handled in order, so a pass
 * always sees the weights of the step it belongs to.
 */
import path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type * as tf from '@tensorflow/tfjs';
import type { StyleGAN2Config } from '../config';
import type { PassOutput, PassRequest, PassSettings } from './passes';

export interface PassThreadInit {
  backend: string;
  config: StyleGAN2Config;
  settings: PassSettings;
  trainableD: string[];
  G: Record<string, { data: Float32Array; shape: number[] }>;
  D: Record<string, { data: Float32Array; shape: number[] }>;
}

export type ToPassThread =
  | { type: 'weights'; net: 'G' | 'D'; params: Record<string, Float32Array> }
  | { type: 'pass'; req: PassRequest };

export type FromPassThread = { type: 'ready' } | { type: 'result'; out: PassOutput<Float32Array> } | { type: 'error'; message: string };

const ENTRY = path.resolve(process.cwd(), 'lib/stylegan/train/pass-thread.ts');
/** A pass that takes longer than this means the thread is gone. */
const PASS_TIMEOUT_MS = 30 * 60 * 1000;

interface Thread {
  worker: Worker;
  port: MessagePort;
  counter: Int32Array;
  /** Results taken so far. */
  taken: number;
  pending: number;
}

export class PassThreads {
  private constructor(private readonly threads: Thread[]) {}

  get size(): number {
    return this.threads.length;
  }

  static async start(count: number, init: PassThreadInit): Promise<PassThreads> {
    const threads: Thread[] = [];
    try {
      for (let i = 0; i < count; i++) {
        const { port1, port2 } = new MessageChannel();
        const shared = new SharedArrayBuffer(4);
        const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(ENTRY)});`, {
          eval: true,
          workerData: { init, port: port2, counter: shared },
          transferList: [port2],
        });
        const thread: Thread = { worker, port: port1, counter: new Int32Array(shared), taken: 0, pending: 0 };
        threads.push(thread);
      }
      // Wait for every thread to load its backend and networks.
      for (const t of threads) {
        const first = collectMessage(t, 5 * 60 * 1000);
        if (first.type !== 'ready') throw new Error(first.type === 'error' ? first.message : 'pass thread did not start');
      }
    } catch (err) {
      for (const t of threads) void t.worker.terminate();
      throw new Error(`could not start training threads: ${(err as Error).message}`);
    }
    return new PassThreads(threads);
  }

  /** Sends the current values of a network's trained parameters to every thread. */
  async syncWeights(net: 'G' | 'D', params: Record<string, tf.Variable>): Promise<void> {
    const arrays: Record<string, Float32Array> = {};
    for (const [name, v] of Object.entries(params)) arrays[name] = (await v.data()) as Float32Array;
    for (const t of this.threads) t.worker.postMessage({ type: 'weights', net, params: arrays } satisfies ToPassThread);
  }

  submit(thread: number, req: PassRequest): void {
    const t = this.threads[thread];
    t.pending += 1;
    t.worker.postMessage({ type: 'pass', req } satisfies ToPassThread);
  }

  /** The next result of a thread, in submission order (blocks until it is there). */
  collect(thread: number): PassOutput<Float32Array> {
    const t = this.threads[thread];
    if (t.pending === 0) throw new Error(`nothing submitted to training thread ${thread}`);
    t.pending -= 1;
    const msg = collectMessage(t, PASS_TIMEOUT_MS);
    if (msg.type === 'error') throw new Error(`training thread ${thread}: ${msg.message}`);
    if (msg.type !== 'result') throw new Error(`training thread ${thread}: unexpected ${msg.type}`);
    return msg.out;
  }

  close(): void {
    for (const t of this.threads) {
      t.port.close();
      void t.worker.terminate();
    }
  }
}

function collectMessage(t: Thread, timeoutMs: number): FromPassThread {
  const deadline = Date.now() + timeoutMs;
  while (Atomics.load(t.counter, 0) <= t.taken) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`no answer from a training thread within ${Math.round(timeoutMs / 1000)} s`);
    Atomics.wait(t.counter, 0, t.taken, Math.min(left, 1000));
  }
  t.taken += 1;
  const got = receiveMessageOnPort(t.port);
  if (!got) throw new Error('training thread signalled a message that is not there');
  return got.message as FromPassThread;
}
