import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { promises as fs, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TRAIN_HELP, UsageError, parseTrainArgs, runTrainCli } from './cli';
import { writeShapesDataset } from './test-data';

let root: string;
beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'train-cli-test-'));
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('stylegan train CLI', () => {
  it('parses official option names in both --opt value and --opt=value forms', () => {
    expect(
      parseTrainArgs([
        '--data', 'imgs', '--outdir=out', '--kimg', '2.5', '--batch', '8', '--batch-gpu=4', '--gamma', '0.1',
        '--aug', 'fixed', '--p', '0.2', '--target', '0.7', '--mirror', '--freezed', '4', '--snap', '3', '--tick=0.25',
        '--seed', '9', '--cfg', 'auto', '--cmax', '128', '--grid', '6x3', '--ema-rampup', 'none', '--pl-weight', '0',
        '--resume', 'prev', '--threads', '2',
      ]),
    ).toEqual({
      data: 'imgs', outdir: 'out', kimg: 2.5, batch: 8, batchGpu: 4, gamma: 0.1, aug: 'fixed', p: 0.2, target: 0.7,
      mirror: true, freezed: 4, snap: 3, tick: 0.25, seed: 9, cfg: 'auto', cmax: 128, gridCols: 6, gridRows: 3,
      emaRampup: null, plWeight: 0, resume: 'prev', threads: 2,
    });
    expect(parseTrainArgs(['--outdir', 'o', '--resume', 'run'])).toEqual({ outdir: 'o', resume: 'run' });
    expect(parseTrainArgs(['--outdir', 'o', '--data', 'd', '--mirror=0'])).toMatchObject({ mirror: false });
    expect(parseTrainArgs(['--outdir', 'o', '--data', 'd', '--resume', 'r', '--fresh'])).toMatchObject({ fresh: true, resume: 'r' });
  });

  it.each([
    [['--data', 'd'], /--outdir is required/],
    [['--outdir', 'o'], /--data is required/],
    [['--outdir', 'o', '--data', 'd', '--kimg', 'lots'], /--kimg expects a number/],
    [['--outdir', 'o', '--data', 'd', '--bogus', '1'], /unknown option --bogus/],
    [['--outdir', 'o', '--data', 'd', '--aug', 'sometimes'], /--aug must be/],
    [['--outdir', 'o', '--data', 'd', '--grid', '8'], /--grid expects CxR/],
    [['--outdir', 'o', '--data'], /--data needs a value/],
  ])('rejects bad usage %j', (argv, message) => {
    expect(() => parseTrainArgs(argv)).toThrow(UsageError);
    expect(() => parseTrainArgs(argv)).toThrow(message);
  });

  it('--help documents every option and that path-length regularisation is off on CPU backends', async () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await runTrainCli(['--help'])).toBe(0);
    } finally {
      write.mockRestore();
    }
    for (const opt of ['--data', '--outdir', '--resume', '--kimg', '--batch', '--batch-gpu', '--gamma', '--aug', '--target', '--p', '--mirror', '--freezed', '--snap', '--tick', '--seed', '--cfg', '--pl-weight', '--threads']) {
      expect(TRAIN_HELP).toContain(opt);
    }
    expect(TRAIN_HELP).toMatch(/0 \(OFF\) on\s+wasm, cpu and software WebGPU adapters/);
    expect(TRAIN_HELP).toMatch(/webgpu \| node-gpu \| node \| wasm \| cpu/);
  });

  it('rejects a thread count that is not a whole number from 1 to 64 before anything runs', async () => {
    const lines: string[] = [];
    const write = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (lines.push(String(s)), true));
    try {
      for (const n of ['0', '1.5', '65']) {
        expect(await runTrainCli(['--data', path.join(root, 'none'), '--outdir', path.join(root, 'threads-run'), '--threads', n])).toBe(1);
      }
    } finally {
      write.mockRestore();
    }
    expect(lines.filter((l) => /--threads must be an integer from 1 to 64/.test(l))).toHaveLength(3);
    expect(existsSync(path.join(root, 'threads-run'))).toBe(false);
  });

  it('exits 1 naming the bad file, and 2 on bad usage, without creating the run folder', async () => {
    const data = path.join(root, 'data');
    await writeShapesDataset(data, { count: 2, size: 16 });
    await fs.writeFile(path.join(data, 'broken.webp'), 'not a webp');
    const outdir = path.join(root, 'run');
    const lines: string[] = [];
    const write = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (lines.push(String(s)), true));
    try {
      expect(await runTrainCli(['--data', data, '--outdir', outdir, '--backend', 'wasm'])).toBe(1);
      expect(await runTrainCli(['--data', data])).toBe(2);
    } finally {
      write.mockRestore();
    }
    expect(lines.join('')).toMatch(/unreadable image .*broken\.webp/);
    expect(existsSync(outdir)).toBe(false);
  });
});

describe('stylegan train CLI process', () => {
  it('on SIGINT stops after the current step, writes a final snapshot and exits 0', async () => {
    const { spawn } = await import('node:child_process');
    const { readFileSync } = await import('node:fs');
    const data = path.join(root, 'sig-data');
    await writeShapesDataset(data, { count: 8, size: 16 });
    const outdir = path.join(root, 'sig-run');
    const repo = path.resolve(__dirname, '../../..');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'lib/stylegan/cli.ts', 'train', '--data', data, '--outdir', outdir, '--kimg', '100', '--batch', '4',
        '--tick', '0.004', '--snap', '1000', '--cbase', '256', '--cmax', '16', '--wdim', '16', '--grid', '2x1', '--backend', 'wasm'],
      { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Wait for a few ticks of progress, then interrupt.
    const deadline = Date.now() + 90_000;
    while (!/tick 2 /.test(stderr)) {
      if (Date.now() > deadline) throw new Error(`no progress from the CLI: ${stderr}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/SIGINT: stopping after the current step/);
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(result.reason).toBe('cancelled');
    expect(result.kimg).toBeLessThan(100);
    const latest = JSON.parse(readFileSync(path.join(outdir, 'latest.json'), 'utf8'));
    expect(latest.kimg).toBe(result.kimg);
    expect(existsSync(path.join(outdir, latest.network))).toBe(true);
  });
});
