import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSafetensors, writeSafetensors } from './safetensors';
import { FIXTURE_DIR } from './test-helpers';

const REPO = path.resolve(__dirname, '../..');

function runParityCli(dir: string) {
  const result = spawnSync(process.execPath, [path.join(REPO, 'node_modules/tsx/dist/cli.mjs'), 'lib/stylegan/cli.ts', 'parity', dir], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, TFJS_BACKEND: 'wasm' },
    timeout: 120_000,
  });
  const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l));
  return { status: result.status, lines, stderr: result.stderr };
}

describe('stylegan parity CLI', () => {
  it('prints one JSON line per case and a summary, exit 0 on the official fixture', () => {
    const { status, lines, stderr } = runParityCli(FIXTURE_DIR);
    expect(status, stderr).toBe(0);
    const cases = lines.filter((l) => 'case' in l);
    expect(cases).toHaveLength(10);
    for (const c of cases) expect(Object.keys(c).sort()).toEqual(['case', 'maxAbsError', 'relError']);
    const summary = lines[lines.length - 1];
    expect(summary).toMatchObject({ summary: true, backend: 'wasm', cases: 10, failed: [], ok: true });
  });

  it('exits non-zero and names the failing cases when the weights are off', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stylegan-parity-'));
    try {
      for (const f of ['config.json', 'D.safetensors', 'cases.safetensors']) fs.copyFileSync(path.join(FIXTURE_DIR, f), path.join(dir, f));
      const g = readSafetensors(fs.readFileSync(path.join(FIXTURE_DIR, 'G.safetensors')));
      const torgb = g.tensors['synthesis.b32.torgb.bias'];
      torgb.data = torgb.data.map((v) => v + 0.05);
      fs.writeFileSync(path.join(dir, 'G.safetensors'), writeSafetensors(g.tensors));
      const { status, lines } = runParityCli(dir);
      expect(status).toBe(1);
      const summary = lines[lines.length - 1];
      expect(summary.ok).toBe(false);
      // mapping and discriminator cases are unaffected by a toRGB bias; every image case fails
      expect(summary.failed.sort()).toEqual(['img_const_psi0.7', 'img_const_psi1', 'img_mix_const', 'img_none_psi1']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
