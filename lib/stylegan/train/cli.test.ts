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
        '--resume', 'prev',
      ]),
    ).toEqual({
      data: 'imgs', outdir: 'out', kimg: 2.5, batch: 8, batchGpu: 4, gamma: 0.1, aug: 'fixed', p: 0.2, target: 0.7,
      mirror: true, freezed: 4, snap: 3, tick: 0.25, seed: 9, cfg: 'auto', cmax: 128, gridCols: 6, gridRows: 3,
      emaRampup: null, plWeight: 0, resume: 'prev',
    });
    expect(parseTrainArgs(['--outdir', 'o', '--resume', 'run'])).toEqual({ outdir: 'o', resume: 'run' });
    expect(parseTrainArgs(['--outdir', 'o', '--data', 'd', '--mirror=0'])).toMatchObject({ mirror: false });
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
    for (const opt of ['--data', '--outdir', '--resume', '--kimg', '--batch', '--batch-gpu', '--gamma', '--aug', '--target', '--p', '--mirror', '--freezed', '--snap', '--tick', '--seed', '--cfg', '--pl-weight']) {
      expect(TRAIN_HELP).toContain(opt);
    }
    expect(TRAIN_HELP).toMatch(/0 \(OFF\) on the\s+wasm and cpu backends/);
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
