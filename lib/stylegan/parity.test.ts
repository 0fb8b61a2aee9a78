import { describe, expect, it } from 'vitest';
import { activateBackend } from './backend';
import { PARITY_TOLERANCE, runParity, type CaseResult } from './parity';
import { FIXTURE_DIR } from './test-helpers';

const ALL_CASES = [
  'd_logits_img_const_psi1',
  'd_logits_reals',
  'img_const_psi0.7',
  'img_const_psi1',
  'img_mix_const',
  'img_none_psi1',
  'ws_mix',
  'ws_psi0.5_cutoff4',
  'ws_psi0.7',
  'ws_psi1',
];

function expectWithinTolerance(results: CaseResult[]): void {
  for (const r of results) {
    expect(r.relError, r.case).toBeLessThanOrEqual(PARITY_TOLERANCE);
    expect(Number.isFinite(r.maxAbsError), r.case).toBe(true);
  }
}

describe('parity with the official StyleGAN2-ADA networks (shared fixture)', () => {
  it('matches every reference case on the wasm backend', async () => {
    await activateBackend('wasm');
    const run = runParity(FIXTURE_DIR);
    expect(run.results.map((r) => r.case).sort()).toEqual(ALL_CASES);
    expectWithinTolerance(run.results);
    expect(run.ok).toBe(true);
  });

  it('matches the mapping, a synthesis and a discriminator case on the cpu backend', async () => {
    await activateBackend('cpu');
    const wanted = new Set(['ws_psi1', 'ws_psi0.7', 'ws_psi0.5_cutoff4', 'img_const_psi1', 'd_logits_reals']);
    const run = runParity(FIXTURE_DIR, { only: (name) => wanted.has(name) });
    expect(run.results.map((r) => r.case).sort()).toEqual([...wanted].sort());
    expectWithinTolerance(run.results);
  });
});
