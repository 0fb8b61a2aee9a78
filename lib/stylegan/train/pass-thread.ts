// A training pass thread (see pass-threads.ts): copies of G and D on this thread's own tfjs
// backend, kept in step with the trainer's by 'weights' messages, running the passes it is sent.
import { workerData, parentPort, type MessagePort } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../backend';
import { Discriminator } from '../discriminator';
import { Generator } from '../generator';
import { registerWasmTrainingKernels } from '../kernels';
import { PassRunner } from './passes';
import type { FromPassThread, PassThreadInit, ToPassThread } from './pass-threads';

const { init, port, counter } = workerData as { init: PassThreadInit; port: MessagePort; counter: SharedArrayBuffer };
const signal = new Int32Array(counter);

function send(msg: FromPassThread, transfer: ArrayBuffer[] = []) {
  port.postMessage(msg, transfer);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

function tensors(arrays: PassThreadInit['G']): Record<string, tf.Tensor> {
  return Object.fromEntries(Object.entries(arrays).map(([name, t]) => [name, tf.tensor(t.data, t.shape, 'float32')]));
}

async function main() {
  const backend = await initBackend({ backend: init.backend as never, quiet: true });
  if (backend.choice === 'wasm') registerWasmTrainingKernels();
  const gT = tensors(init.G);
  const dT = tensors(init.D);
  const G = Generator.fromTensors(init.config.generator_kwargs, gT);
  const D = Discriminator.fromTensors(init.config.discriminator_kwargs, dT);
  tf.dispose([...Object.values(gT), ...Object.values(dT)]);
  const runner = new PassRunner(G, D, init.settings, init.trainableD);

  // Messages are handled one at a time, in order: a pass awaits its read-backs, and weights
  // sent after it must not land while it runs.
  let queue = Promise.resolve();
  parentPort!.on('message', (msg: ToPassThread) => {
    queue = queue.then(() => handle(msg));
  });

  async function handle(msg: ToPassThread): Promise<void> {
    try {
      if (msg.type === 'weights') {
        const params = msg.net === 'G' ? G.params : D.params;
        tf.tidy(() => {
          for (const [name, data] of Object.entries(msg.params)) params[name].assign(tf.tensor(data, params[name].shape, 'float32'));
        });
        return;
      }
      const out = await runner.run(msg.req);
      const grads: Record<string, Float32Array> = {};
      for (const [name, g] of Object.entries(out.grads)) grads[name] = ((await g.data()) as Float32Array).slice();
      tf.dispose(Object.values(out.grads));
      send({ type: 'result', out: { ...out, grads } }, Object.values(grads).map((a) => a.buffer as ArrayBuffer));
    } catch (err) {
      send({ type: 'error', message: (err as Error)?.message ?? String(err) });
    }
  }
  send({ type: 'ready' });
}

main().catch((err) => send({ type: 'error', message: (err as Error)?.message ?? String(err) }));
