/**
 * Generator = mapping network + synthesis network (official Generator), with
 * its variables keyed by official state_dict names.
 */
import * as tf from '@tensorflow/tfjs';
import { numWsFor, resolveGeneratorKwargs, type GeneratorKwargs, type PartialGeneratorKwargs } from './config';
import {
  broadcastAndTruncate,
  mappingForward,
  mappingSpecs,
  resolvePsiLayers,
  updatedWAvg,
  type MappingShape,
  type TruncationOptions,
} from './mapping';
import { createVariables, disposeVariables, exportOfficial, type TensorSpec, type VariableSet } from './name-map';
import { DerivedWeightCache } from './weight-cache';
import type { DerivedConvWeights } from './ops';
import { noiseShapes, synthesisForward, synthesisLayout, synthesisSpecs, type SynthesisBlockInfo, type SynthesisOptions } from './synthesis';

export interface MappingOptions extends TruncationOptions {
  /** class labels [N, c_dim] for conditional models */
  c?: tf.Tensor2D;
}

export function generatorMappingShape(g: GeneratorKwargs): MappingShape {
  const m = g.mapping_kwargs;
  return {
    prefix: 'mapping.',
    zDim: g.z_dim,
    cDim: g.c_dim,
    wDim: g.w_dim,
    numLayers: m.num_layers,
    embedFeatures: m.embed_features,
    layerFeatures: m.layer_features,
    lrMultiplier: m.lr_multiplier,
    wAvgBeta: m.w_avg_beta,
  };
}

/** Every tensor of the generator's official state_dict, in a fixed order. */
export function generatorSpecs(g: GeneratorKwargs): TensorSpec[] {
  return [...synthesisSpecs(g), ...mappingSpecs(generatorMappingShape(g))];
}

export class Generator {
  readonly config: GeneratorKwargs;
  readonly numWs: number;
  /** trainable variables keyed by official names (internal NHWC/[in,out] layouts, see name-map.ts) */
  readonly params: Record<string, tf.Variable>;
  /** non-trainable variables: mapping.w_avg and every noise_const */
  readonly buffers: Record<string, tf.Variable>;
  readonly specs: TensorSpec[];
  private readonly mappingShape: MappingShape;
  private readonly layout: SynthesisBlockInfo[];
  private all: Record<string, tf.Tensor>;
  /** inference-only cache of Σw² and phase kernels per conv weight (bypassed under a gradient tape) */
  private readonly derivedCache = new DerivedWeightCache<DerivedConvWeights>();

  private constructor(config: GeneratorKwargs, specs: TensorSpec[], vars: VariableSet) {
    this.config = config;
    this.numWs = numWsFor(config);
    this.specs = specs;
    this.params = vars.params;
    this.buffers = vars.buffers;
    this.all = { ...vars.params, ...vars.buffers };
    this.mappingShape = generatorMappingShape(config);
    this.layout = synthesisLayout(config);
  }

  /** Official-style random init (N(0,1) weights, lr-scaled FC weights, affine bias 1), deterministic in `seed`. */
  static init(config: GeneratorKwargs | PartialGeneratorKwargs, seed: number): Generator {
    const g = resolveGeneratorKwargs(config);
    const specs = generatorSpecs(g);
    return new Generator(g, specs, createVariables(specs, { seed }, 'G'));
  }

  /** From official state_dict tensors (official names and layouts). */
  static fromTensors(config: GeneratorKwargs | PartialGeneratorKwargs, tensors: Record<string, tf.Tensor>): Generator {
    const g = resolveGeneratorKwargs(config);
    const specs = generatorSpecs(g);
    return new Generator(g, specs, createVariables(specs, { tensors }, 'G'));
  }

  /** Official names and layouts (resample filters included); caller disposes. */
  toTensors(): Record<string, tf.Tensor> {
    return exportOfficial(this.specs, { params: this.params, buffers: this.buffers });
  }

  get wAvg(): tf.Variable<tf.Rank.R1> | null {
    return (this.buffers['mapping.w_avg'] as tf.Variable<tf.Rank.R1> | undefined) ?? null;
  }

  /** z [N, z_dim] → w [N, w_dim], before broadcasting and truncation. */
  mapW(z: tf.Tensor2D, c?: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => mappingForward(this.mappingShape, this.all, z, c ?? null));
  }

  /** w [N, w_dim] → ws [N, num_ws, w_dim] with per-layer truncation toward w_avg. */
  truncate(w: tf.Tensor2D, opts: TruncationOptions = {}): tf.Tensor3D {
    return tf.tidy(() => broadcastAndTruncate(w, this.wAvg, resolvePsiLayers(this.numWs, opts)));
  }

  /** z → ws [N, num_ws, w_dim] (official MappingNetwork.forward without the w_avg update). */
  mapping(z: tf.Tensor2D, opts: MappingOptions = {}): tf.Tensor3D {
    return tf.tidy(() => broadcastAndTruncate(this.mapW(z, opts.c), this.wAvg, resolvePsiLayers(this.numWs, opts)));
  }

  /** Training-time w_avg tracking: w_avg ← mean(w).lerp(w_avg, w_avg_beta). */
  updateWAvg(w: tf.Tensor2D): void {
    const beta = this.config.mapping_kwargs.w_avg_beta;
    const wAvg = this.wAvg;
    if (!wAvg || beta === null) throw new Error('this generator has no w_avg (w_avg_beta is null)');
    // Not part of any gradient: assign() is not recorded on the tape.
    tf.tidy(() => wAvg.assign(updatedWAvg(wAvg, w, beta)));
  }

  /** ws [N, num_ws, w_dim] → NHWC image [N, res, res, img_channels], unclamped (≈ [-1, 1]). */
  synthesis(ws: tf.Tensor3D, opts: SynthesisOptions = {}): tf.Tensor4D {
    if (ws.rank !== 3 || ws.shape[1] !== this.numWs || ws.shape[2] !== this.config.w_dim) {
      throw new Error(`synthesis: ws must be [N, ${this.numWs}, ${this.config.w_dim}], got [${ws.shape}]`);
    }
    return tf.tidy(() => synthesisForward(this.config, this.layout, this.all, ws, opts, this.derivedCache));
  }

  /** Number of conv layers that take noise, and their shapes for batch n. */
  noiseShapes(n: number): [number, number, number, number][] {
    return noiseShapes(this.layout, n);
  }

  dispose(): void {
    this.derivedCache.clear();
    disposeVariables({ params: this.params, buffers: this.buffers });
  }
}
