import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readSafetensors } from '../safetensors';

const REPO = path.resolve(__dirname, '../../..');

function runProject(args: string[]) {
  const cli = [path.join(REPO, 'node_modules/tsx/dist/cli.mjs'), 'lib/stylegan/cli.ts', 'project', ...args];
  const result = spawnSync(process.execPath, cli, { cwd: REPO, encoding: 'utf8', env: { ...process.env, TFJS_BACKEND: 'wasm' }, timeout: 120_000 });
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr };
}

describe('stylegan project CLI', () => {
  it('writes projected_w.safetensors [1, num_ws, w_dim], proj.png, target.png and one JSON line with psnr and loss', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'project-cli-'));
    const target = path.join(dir, 'in.png');
    await sharp({ create: { width: 100, height: 80, channels: 3, background: { r: 200, g: 120, b: 60 } } }).png().toFile(target);
    const out = path.join(dir, 'out');
    const { status, stdout, stderr } = runProject(['--network', 'models/default', '--target', target, '--outdir', out, '--steps', '4', '--wplus', '--no-align', '--seed', '3']);
    expect(status, stderr).toBe(0);
    const lines = stdout.split('\n');
    expect(lines).toHaveLength(1);
    const summary = JSON.parse(lines[0]);
    expect(summary).toMatchObject({ steps: 4, wPlus: true, optimizeNoise: true, aligned: false, numWs: 10, wDim: 128 });
    expect(summary.psnr).toBeGreaterThan(5);
    expect(summary.loss).toBeGreaterThan(0);
    const st = readSafetensors(fs.readFileSync(path.join(out, 'projected_w.safetensors')));
    expect(st.tensors.w.shape).toEqual([1, 10, 128]);
    expect(Object.keys(st.tensors).filter((k) => k.startsWith('noise.'))).toHaveLength(9);
    for (const f of ['proj.png', 'target.png']) expect(await sharp(path.join(out, f)).metadata()).toMatchObject({ width: 64, height: 64 });
  });

  it('exits 2 on bad usage and 1 with a clear message when the photo has no face', async () => {
    const bad = runProject(['--network', 'models/default', '--steps', 'x']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--steps needs an integer/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'project-cli-'));
    const flat = path.join(dir, 'flat.png');
    await sharp({ create: { width: 200, height: 200, channels: 3, background: '#777' } }).png().toFile(flat);
    const noFace = runProject(['--network', 'models/default', '--target', flat, '--outdir', path.join(dir, 'o')]);
    expect(noFace.status).toBe(1);
    expect(noFace.stderr).toMatch(/no face was found/);
    expect(fs.existsSync(path.join(dir, 'o'))).toBe(false);
  });
});
