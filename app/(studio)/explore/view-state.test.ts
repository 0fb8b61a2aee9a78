import { describe, expect, it } from 'vitest';
import { parseViewState, viewStateQuery } from './view-state';

const model = { id: 'm1', numWs: 8 };

describe('explorer view state in the URL', () => {
  it('round-trips every setting through the query string', () => {
    const view = { modelId: 'm1', page: 3, grid: 6 as const, psiLayers: [0.5, 0.5, 0.7, 0.7, 1, 1, 1, -0.25], noiseMode: 'random' as const, noiseSeed: 1234, focusSeed: 77 };
    const query = viewStateQuery(view);
    expect(query).toBe('model=m1&page=3&grid=6&psi=0.5%2C0.5%2C0.7%2C0.7%2C1%2C1%2C1%2C-0.25&noise=random&noiseSeed=1234&seed=77');
    expect(parseViewState(Object.fromEntries(new URLSearchParams(query)), model)).toEqual(view);
  });

  it('keeps a default view short and reads a single ψ as every layer', () => {
    const view = parseViewState({}, model);
    expect(viewStateQuery(view)).toBe('model=m1');
    expect(parseViewState({ psi: '0.35' }, model).psiLayers).toEqual(Array(8).fill(0.35));
  });

  it('falls back to defaults for values that do not fit the model or the ranges', () => {
    const v = parseViewState({ page: '-2', grid: '5', psi: '0.5,0.5', noise: 'loud', noiseSeed: '9', seed: 'x' }, model);
    expect(v).toEqual({ modelId: 'm1', page: 0, grid: 4, psiLayers: Array(8).fill(0.7), noiseMode: 'const', noiseSeed: 0, focusSeed: null });
    expect(parseViewState({ psi: '7' }, model).psiLayers).toEqual(Array(8).fill(0.7));
    expect(parseViewState({ seed: '4294967296' }, model).focusSeed).toBeNull();
  });
});
