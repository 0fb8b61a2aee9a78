import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSafetensors } from '../safetensors';
import { FIXTURE_DIR } from '../test-helpers';

const REPO = path.resolve(__dirname, '../../..');

function runCli(args: string[]) {
  const result = spawnSync(process.execPath, [path.join(REPO, 'node_modules/tsx/dist/cli.mjs'), 'lib/stylegan/cli.ts', 'directions', ...args], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, TFJS_BACKEND: 'wasm' },
    timeout: 120_000,
  });
  const out = result.stdout.trim();
  return { status: result.status, lines: out ? out.split('\n').map((l) => JSON.parse(l)) : [], stderr: result.stderr };
}

describe('stylegan directions CLI', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stylegan-directions-'));

  for (const method of ['sefa', 'ganspace'] as const) {
    it(`--method ${method} writes directions [K, w_dim] and values [K] and prints one JSON summary line`, () => {
      const out = path.join(dir, `${method}.safetensors`);
      const { status, lines, stderr } = runCli([
        '--network', FIXTURE_DIR, '--method', method, '--layers', '0-2', '--k', '6', '--samples', '2000', '--out', out,
      ]);
      expect(status, stderr).toBe(0);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ method, wDim: 64, numWs: 8, k: 6 });
      expect(lines[0].values).toHaveLength(6);
      const file = readSafetensors(fs.readFileSync(out));
      expect(file.tensors.directions.shape).toEqual([6, 64]);
      expect(file.tensors.values.shape).toEqual([6]);
      expect(Array.from(file.tensors.values.data)).toEqual(lines[0].values);
      const first = file.tensors.directions.data.subarray(0, 64);
      expect(Math.hypot(...first)).toBeCloseTo(1, 5);
    });
  }

  it('exits 2 with a message on bad arguments and writes nothing', () => {
    const out = path.join(dir, 'bad.safetensors');
    for (const args of [
      ['--network', FIXTURE_DIR, '--method', 'pca', '--out', out],
      ['--network', FIXTURE_DIR, '--method', 'sefa', '--layers', '3-1', '--out', out],
      ['--network', FIXTURE_DIR, '--method', 'sefa', '--layers', '0-8', '--out', out],
      ['--network', FIXTURE_DIR, '--method', 'sefa', '--k', '65', '--out', out],
    ]) {
      const { status, lines, stderr } = runCli(args);
      expect(status, args.join(' ')).toBe(2);
      expect(lines).toEqual([]);
      expect(stderr).toMatch(/stylegan directions: /);
    }
    expect(fs.existsSync(out)).toBe(false);
  });
});
