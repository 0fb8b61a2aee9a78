import { describe, expect, it } from 'vitest';
import { truncationSummary } from '@/lib/synthesis/truncation-summary';

describe('truncationSummary', () => {
  it('says one ψ on all layers', () => {
    expect(truncationSummary({ psi: 0.7 }, 10)).toBe('Truncation ψ 0.7 on all layers');
    expect(truncationSummary({ psi: 0.7 })).toBe('Truncation ψ 0.7 on all layers');
  });

  it('says no truncation for ψ 1 everywhere', () => {
    expect(truncationSummary({ psi: 1 }, 10)).toBe('No truncation (ψ 1)');
    expect(truncationSummary({ psi: 1, psiLayers: [1, 1, 1] })).toBe('No truncation (ψ 1)');
    expect(truncationSummary({})).toBe('No truncation (ψ 1)');
  });

  it('groups per-layer ψ into ranges, counting layers from 0', () => {
    expect(truncationSummary({ psi: 1, psiLayers: [1, 1, 1, 1, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7] })).toBe('ψ 1 (none) on layers 0–3, ψ 0.7 on layers 4–9');
    expect(truncationSummary({ psiLayers: [0.5, 0.8, 0.8] })).toBe('ψ 0.5 on layer 0, ψ 0.8 on layers 1–2');
  });

  it('lets per-layer ψ decide over psi, as the core does', () => {
    expect(truncationSummary({ psi: 0.5, psiLayers: [0.7, 0.7] }, 2)).toBe('Truncation ψ 0.7 on all layers');
  });

  it('rounds to two decimals', () => {
    expect(truncationSummary({ psiLayers: [0.6999999, 0.70000001] })).toBe('Truncation ψ 0.7 on all layers');
  });

  it('applies a cutoff: ψ on the first layers, none after', () => {
    expect(truncationSummary({ psi: 0.7, truncationCutoff: 4 }, 10)).toBe('ψ 0.7 on layers 0–3, ψ 1 (none) on layers 4–9');
    expect(truncationSummary({ psi: 0.7, truncationCutoff: 4 })).toBe('ψ 0.7 on layers 0–3, ψ 1 (none) on the rest');
    expect(truncationSummary({ psi: 0.7, truncationCutoff: 0 }, 10)).toBe('No truncation (ψ 1)');
  });
});
