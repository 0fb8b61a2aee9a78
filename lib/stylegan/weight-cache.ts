/**
 * Inference-only cache of tensors derived from a variable's value (e.g. the
 * demodulation Σw² and the transposed-conv phase kernels), recomputed whenever
 * the variable is assigned a new value (tfjs gives it a new dataId then).
 * While a gradient tape is recording, the cache is bypassed so that gradients
 * flow through the derivation to the variable.
 */
import * as tf from '@tensorflow/tfjs';

interface Entry<T> {
  dataId: object;
  value: T;
}

export class DerivedWeightCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  get(key: string, variable: tf.Variable, compute: () => T): T {
    if (tf.engine().isTapeOn()) return compute();
    const dataId = variable.dataId as object;
    const hit = this.entries.get(key);
    if (hit && hit.dataId === dataId) return hit.value;
    if (hit) disposeAll(hit.value);
    // keep() lets the derived tensors outlive the caller's tf.tidy
    const value = compute();
    keepAll(value);
    this.entries.set(key, { dataId, value });
    return value;
  }

  clear(): void {
    for (const e of this.entries.values()) disposeAll(e.value);
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

function forEachTensor(container: unknown, fn: (t: tf.Tensor) => void): void {
  if (container instanceof tf.Tensor) fn(container);
  else if (Array.isArray(container)) container.forEach((c) => forEachTensor(c, fn));
  else if (container && typeof container === 'object') Object.values(container).forEach((c) => forEachTensor(c, fn));
}

function keepAll(container: unknown): void {
  forEachTensor(container, (t) => tf.keep(t));
}

function disposeAll(container: unknown): void {
  forEachTensor(container, (t) => t.dispose());
}
