import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { FacesUsageError, parseFacesArgs } from './cli-args';

const CLI = path.join(__dirname, 'cli.ts');
const runCli = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('parseFacesArgs', () => {
  it('reads flags with defaults', () => {
    expect(parseFacesArgs(['--out', 'd', '--count', '10'])).toMatchObject({ outDir: 'd', count: 10, seed: 0, size: 64 });
    expect(parseFacesArgs(['--grid=g.png', '--seed=7', '--size', '32'])).toMatchObject({ gridFile: 'g.png', seed: 7, size: 32 });
    expect(parseFacesArgs(['--help']).help).toBe(true);
  });

  it.each([
    [[], /nothing to do/],
    [['--out', 'd'], /--out needs --count/],
    [['--count', '5'], /--count needs --out/],
    [['--out', 'd', '--count', 'ten'], /--count expects an integer/],
    [['--out', 'd', '--count', '0'], /--count must be between/],
    [['--out', 'd', '--count', '5', '--size', '4'], /--size must be between/],
    [['--out', 'd', '--count', '5', '--seed', '-1'], /--seed expects an integer/],
    [['--out', 'd', '--count', '5', '--colour', 'red'], /unknown argument "--colour"/],
    [['--out', '--count', '5'], /--out needs a value/],
    [['--grid'], /--grid needs a value/],
    [['--grid', 'a.png', '--grid', 'b.png'], /given twice/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseFacesArgs(argv)).toThrow(FacesUsageError);
    expect(() => parseFacesArgs(argv)).toThrow(message);
  });
});

describe('faces CLI', () => {
  it('exits with status 2 and the usage on bad arguments', () => {
    const result = runCli(['--count', 'many']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--count expects an integer/);
    expect(result.stderr).toMatch(/Usage:/);
  });

  it('prints help', () => {
    const result = runCli(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/--grid FILE/);
  });

  it('writes a dataset and an 8×8 contact sheet', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'faces-cli-'));
    try {
      const grid = path.join(dir, 'grid.png');
      const result = runCli(['--out', path.join(dir, 'set'), '--count', '3', '--size', '16', '--grid', grid]);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect((await readdir(path.join(dir, 'set'))).sort()).toEqual(['00000000.png', '00000001.png', '00000002.png', 'attributes.jsonl']);
      const meta = await sharp(grid).metadata();
      expect([meta.width, meta.height]).toEqual([128, 128]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
