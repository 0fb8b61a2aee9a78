// The queue is machinery only: lib/queue imports no feature (only the database, the
// environment and API errors), each feature keeps its job definitions in lib/<feature>/jobs/,
// and worker/job-registry.ts registers every one of them.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

const sources = (dir: string) => walk(path.join(ROOT, dir)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(@\/[^']+)'/g)].map((m) => m[1]);

describe('job layout', () => {
  it('lib/queue imports nothing of the features', () => {
    const allowed = /^@\/lib\/(queue\/|db$|env$|api\/errors$)/;
    const offending = sources('lib/queue').flatMap((f) => importsOf(f).filter((i) => !allowed.test(i)).map((i) => `${path.relative(ROOT, f)} imports ${i}`));
    expect(offending).toEqual([]);
  });

  it('every job definition lives in a jobs/ folder and is registered by worker/job-registry.ts', async () => {
    const defining = sources('lib').filter((f) => /\bdefineJob\(/.test(readFileSync(f, 'utf8')) && !f.endsWith('define-job.ts'));
    expect(defining.length).toBeGreaterThan(4);
    for (const f of defining) expect(path.relative(ROOT, f)).toMatch(/^lib\/[a-z-]+\/jobs\//);
    const names = defining.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/defineJob\(\{\s*name: '([^']+)'/g)].map((m) => m[1]));
    const { allJobDefinitions } = await import('@/worker/job-registry');
    expect(allJobDefinitions.map((d) => d.name).sort()).toEqual(names.sort());
  });
});
