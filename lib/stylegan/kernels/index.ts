/**
 * Training kernels for the tfjs wasm backend.
 *
 * Stock @tensorflow/tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter (every
 * conv2d weight gradient throws), a slow, non-XNNPACK Conv2DBackpropInput, and
 * an Unpack (tf.unstack, also the gradient of tf.stack) that crawls on rank-5
 * tensors, an Identity that copies buffers the tape clones by the thousand, and a BatchMatMul
 * that is 10–15× slower with a transposed operand (every dense layer's backward pass).
 * `registerWasmTrainingKernels()` installs replacements built from the backend's fast kernels
 * and data movement straight on the wasm heap (see conv2d-backprop.ts — per-phase input
 * gradients, im2col + GEMM weight gradients —, heap.ts, unpack.ts, batch-mat-mul.ts). It is idempotent
 * and may be called before or after `tf.setBackend('wasm')`.
 */
import * as tf from '@tensorflow/tfjs';
// The wasm package registers its kernels when first imported; import it before
// registering ours so a later import cannot overwrite them with the stock ones.
import '@tensorflow/tfjs-backend-wasm';
import {
  conv2dBackpropFilterWasm,
  conv2dBackpropInputWasm,
  type Conv2DBackpropFilterAttrs,
  type Conv2DBackpropInputAttrs,
  type Info,
} from './conv2d-backprop';

import { unpackWasm } from './unpack';
import { batchMatMulWasm, type BatchMatMulAttrs } from './batch-mat-mul';

export { conv2dBackpropFilterWasm, conv2dBackpropInputWasm } from './conv2d-backprop';
export { unpackWasm } from './unpack';
export { batchMatMulWasm } from './batch-mat-mul';

const BACKEND = 'wasm';
const OURS = Symbol.for('latent-atelier.wasm-training-kernel');

type Backend = Parameters<typeof conv2dBackpropFilterWasm>[3];

const filterConfig: tf.KernelConfig = {
  kernelName: 'Conv2DBackpropFilter',
  backendName: BACKEND,
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { x, dy } = inputs as unknown as { x: Info; dy: Info };
    return conv2dBackpropFilterWasm(
      x,
      dy,
      attrs as unknown as Conv2DBackpropFilterAttrs,
      backend as unknown as Backend,
    ) as unknown as tf.TensorInfo;
  },
};

const inputConfig: tf.KernelConfig = {
  kernelName: 'Conv2DBackpropInput',
  backendName: BACKEND,
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { dy, filter } = inputs as unknown as { dy: Info; filter: Info };
    return conv2dBackpropInputWasm(
      dy,
      filter,
      attrs as unknown as Conv2DBackpropInputAttrs,
      backend as unknown as Backend,
    ) as unknown as tf.TensorInfo;
  },
};
const unpackConfig: tf.KernelConfig = {
  kernelName: 'Unpack',
  backendName: BACKEND,
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { value } = inputs as unknown as { value: Info };
    return unpackWasm(value, (attrs as unknown as { axis: number }).axis, backend as unknown as Parameters<typeof unpackWasm>[2]) as unknown as tf.TensorInfo[];
  },
};

/**
 * Identity (tf.clone, and the copy the gradient tape makes of every tensor it
 * saves) shares the input's buffer, as the wasm Reshape kernel already does:
 * tfjs tensors are immutable and the backend refcounts buffers, so the stock
 * kernel's full copy (thousands per training step) buys nothing.
 */
const identityConfig: tf.KernelConfig = {
  kernelName: 'Identity',
  backendName: BACKEND,
  kernelFunc: (args) => {
    const x = (args.inputs as unknown as { x: Info }).x;
    if (x.dtype === 'string') {
      const stock = displaced.get('Identity');
      if (!stock) throw new Error('wasm Identity: no stock kernel for strings');
      return stock.kernelFunc(args);
    }
    (args.backend as unknown as { incRef(dataId: object): void }).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype } as unknown as tf.TensorInfo;
  },
};

/** BatchMatMul with explicit transposes in front of the stock kernel (batch-mat-mul.ts). */
const matMulConfig: tf.KernelConfig = {
  kernelName: 'BatchMatMul',
  backendName: BACKEND,
  // The stock kernel binds its wasm function in its setup, which the backend runs at start for
  // the kernels registered then: when ours is registered first, it runs the stock setup.
  setupFunc: (backend) => displaced.get('BatchMatMul')?.setupFunc?.(backend),
  kernelFunc: (args) => {
    const stock = displaced.get('BatchMatMul');
    if (!stock) throw new Error('wasm BatchMatMul: no stock kernel');
    const { a, b } = args.inputs as unknown as { a: Info; b: Info };
    return batchMatMulWasm(
      a,
      b,
      args.attrs as unknown as BatchMatMulAttrs,
      args.backend as unknown as Parameters<typeof batchMatMulWasm>[3],
      stock.kernelFunc as unknown as Parameters<typeof batchMatMulWasm>[4],
    ) as unknown as tf.TensorInfo;
  },
};

const ALL = [filterConfig, inputConfig, unpackConfig, identityConfig, matMulConfig];
for (const c of ALL) (c as unknown as Record<symbol, boolean>)[OURS] = true;

/** Stock configs displaced by ours, kept so benchmarks can restore them. */
const displaced = new Map<string, tf.KernelConfig | undefined>();

function isOurs(config: tf.KernelConfig | undefined): boolean {
  return !!config && (config as unknown as Record<symbol, boolean>)[OURS] === true;
}

/**
 * Installs the wasm Conv2DBackpropFilter, Conv2DBackpropInput, Unpack, Identity and BatchMatMul kernels. Idempotent.
 * `which` can leave some out (benchmarks compare against the stock ones).
 */
export function registerWasmTrainingKernels(
  which: { filter?: boolean; input?: boolean; unpack?: boolean; identity?: boolean; matMul?: boolean } = {},
): void {
  const wanted = [
    which.filter !== false ? filterConfig : null,
    which.input !== false ? inputConfig : null,
    which.unpack !== false ? unpackConfig : null,
    which.identity !== false ? identityConfig : null,
    which.matMul !== false ? matMulConfig : null,
  ];
  for (const config of wanted) {
    if (!config) continue;
    const current = tf.getKernel(config.kernelName, BACKEND);
    if (isOurs(current)) continue;
    if (current) tf.unregisterKernel(config.kernelName, BACKEND);
    if (!displaced.has(config.kernelName)) displaced.set(config.kernelName, current);
    tf.registerKernel(config);
  }
}

/**
 * Puts back whatever was registered before `registerWasmTrainingKernels()`
 * (the stock Conv2DBackpropInput, no Conv2DBackpropFilter). For benchmarks and tests.
 */
export function unregisterWasmTrainingKernels(): void {
  for (const config of ALL) {
    const current = tf.getKernel(config.kernelName, BACKEND);
    if (!isOurs(current)) continue;
    tf.unregisterKernel(config.kernelName, BACKEND);
    const stock = displaced.get(config.kernelName);
    if (stock) tf.registerKernel(stock);
  }
}

/** True when our kernels are the ones registered for wasm. */
export function wasmTrainingKernelsRegistered(): boolean {
  return ALL.every((c) => isOurs(tf.getKernel(c.kernelName, BACKEND)));
}
