import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseMetricsArgs } from './cli';

const run = promisify(execFile);

describe('stylegan metrics CLI', () => {
  it('parses its options and words what is wrong', () => {
    expect(parseMetricsArgs(['--network', 'm', '--data', 'procedural', '--metrics', 'fid,PR', '--num=16'])).toMatchObject({ network: 'm', data: 'procedural', metrics: ['fid', 'pr'], num: 16, inputSize: 299 });
    expect(parseMetricsArgs(['--data', 'x'])).toBe('missing --network DIR');
    expect(parseMetricsArgs(['--network', 'm'])).toMatch(/missing --data/);
    expect(parseMetricsArgs(['--network', 'm', '--data', 'x', '--metrics', 'fid,is'])).toMatch(/unknown metric is/);
    expect(parseMetricsArgs(['--network', 'm', '--data', 'x', '--num', '2'])).toMatch(/--num must be an integer ≥ 4/);
    expect(parseMetricsArgs(['--network', 'm', '--data', 'x', '--input-size', '32'])).toMatch(/--input-size/);
    expect(parseMetricsArgs(['--network', 'm', '--data', 'x', '--bogus', '1'])).toBe('unknown option --bogus');
  });

  it('prints one JSON line per metric for the bundled model against the procedural faces', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'lib/stylegan/cli.ts', 'metrics', '--network', 'models/default', '--data', 'procedural', '--metrics', 'fid,kid,pr,ppl', '--num', '6', '--input-size', '75', '--backend', 'wasm'],
      { timeout: 240_000 },
    );
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.metric)).toEqual(['fid', 'kid', 'pr', 'ppl']);
    expect(lines[0].value).toBeGreaterThan(0);
    expect(lines[3]).toMatchObject({ space: 'w', sampling: 'end', epsilon: 1e-4 });
    for (const l of lines) expect(l.note).toMatch(/not comparable with published FIDs/);
  }, 300_000);

  it('exits 2 with the usage on bad arguments', async () => {
    await expect(run(process.execPath, ['--import', 'tsx', 'lib/stylegan/cli.ts', 'metrics', '--network', 'models/default'])).rejects.toMatchObject({ code: 2 });
  });
});
