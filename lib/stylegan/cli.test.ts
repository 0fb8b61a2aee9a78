import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSafetensors, writeSafetensors } from './safetensors';
import { FIXTURE_DIR } from './test-helpers';

const REPO = path.resolve(__dirname, '../..');

function runParityCli(dir: string, opts: { args?: string[]; backendEnv?: string } = {}) {
  const cli = [path.join(REPO, 'node_modules/tsx/dist/cli.mjs'), 'lib/stylegan/cli.ts', 'parity', ...(opts.args ?? []), dir];
  const result = spawnSync(process.execPath, cli, {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, TFJS_BACKEND: opts.backendEnv ?? 'wasm' },
    timeout: 120_000,
  });
  const out = result.stdout.trim();
  const lines = out ? out.split('\n').map((l) => JSON.parse(l)) : [];
  return { status: result.status, lines, stderr: result.stderr };
}

const PHASE_KEYS = ['gradRelError', 'loss', 'lossAbsError', 'lossRelError', 'ok', 'phase', 'refLoss', 'ulpSpread', 'worst'];

describe('stylegan parity CLI', () => {
  it('prints a JSON line per case, then per training phase, then a summary; exit 0 on the official fixture', () => {
    // --backend wins over TFJS_BACKEND
    const { status, lines, stderr } = runParityCli(FIXTURE_DIR, { args: ['--backend', 'wasm'], backendEnv: 'cpu' });
    expect(status, stderr).toBe(0);
    expect(lines).toHaveLength(10 + 3 + 1);
    const cases = lines.slice(0, 10);
    for (const c of cases) expect(Object.keys(c).sort()).toEqual(['case', 'maxAbsError', 'relError']);
    const phases = lines.slice(10, 13);
    expect(phases.map((p) => p.phase)).toEqual(['Gmain', 'Dmain', 'Dreg']);
    for (const p of phases) {
      expect(Object.keys(p).sort()).toEqual(PHASE_KEYS);
      expect(Object.keys(p.worst).sort()).toEqual(['name', 'refNorm', 'relError']);
      expect(p.ok).toBe(true);
    }
    const summary = lines[lines.length - 1];
    expect(summary).toMatchObject({ summary: true, backend: 'wasm', cases: 10, phases: 3, failed: [], result: 'pass', ok: true });
  });

  it('rejects an unknown --backend name before loading anything', () => {
    const { status, lines, stderr } = runParityCli(FIXTURE_DIR, { args: ['--backend', 'nope'] });
    expect(status).toBe(2);
    expect(lines).toEqual([]);
    expect(stderr).toMatch(/--backend: .*nope/);
  });

  it('exits non-zero and names the failing cases when the weights are off', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stylegan-parity-'));
    try {
      for (const f of ['config.json', 'D.safetensors', 'cases.safetensors', 'train_cases.safetensors']) {
        fs.copyFileSync(path.join(FIXTURE_DIR, f), path.join(dir, f));
      }
      const g = readSafetensors(fs.readFileSync(path.join(FIXTURE_DIR, 'G.safetensors')));
      const torgb = g.tensors['synthesis.b32.torgb.bias'];
      torgb.data = torgb.data.map((v) => v + 0.05);
      fs.writeFileSync(path.join(dir, 'G.safetensors'), writeSafetensors(g.tensors));
      const { status, lines } = runParityCli(dir);
      expect(status).toBe(1);
      const summary = lines[lines.length - 1];
      expect(summary.ok).toBe(false);
      expect(summary.result).toBe('fail');
      // mapping and discriminator cases are unaffected by a toRGB bias; every image case fails, and so
      // do the training phases on generated images (Gmain, Dmain) but not R1 on the reals (Dreg)
      expect(summary.failed.sort()).toEqual(['Dmain', 'Gmain', 'img_const_psi0.7', 'img_const_psi1', 'img_mix_const', 'img_none_psi1']);
      expect(lines.filter((l) => 'phase' in l).map((l) => [l.phase, l.ok])).toEqual([
        ['Gmain', false],
        ['Dmain', false],
        ['Dreg', true],
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
