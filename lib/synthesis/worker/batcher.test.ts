import { describe, expect, it } from 'vitest';
import { Batcher } from '@/lib/synthesis/worker/batcher';
import { LruCache } from '@/lib/synthesis/worker/generator-cache';

type Req = { key: string; images: number; load: () => Promise<string>; id: string };

describe('Batcher drains concurrent requests into shared passes', () => {
  it('groups requests with the same key up to the image limit, one pass at a time', async () => {
    const passes: string[][] = [];
    let running = 0;
    const b = new Batcher<string, Req, { id: string }>(4, async (g, reqs) => {
      running++;
      expect(running).toBe(1);
      passes.push(reqs.map((r) => `${g}:${r.id}`));
      await new Promise((r) => setTimeout(r, 10));
      running--;
      return reqs.map((r) => ({ id: r.id }));
    });
    const req = (id: string, key: string, images = 1): Req => ({ id, key, images, load: async () => key });
    const results = await Promise.all([
      b.submit(req('a1', 'A')),
      b.submit(req('b1', 'B')),
      b.submit(req('a2', 'A', 2)),
      b.submit(req('a3', 'A', 2)),
      b.submit(req('big', 'A', 9)),
    ]);
    expect(passes).toEqual([['A:a1', 'A:a2'], ['B:b1'], ['A:a3'], ['A:big']]);
    expect(results.map((r) => [r.id, r.batchImages])).toEqual([['a1', 3], ['b1', 1], ['a2', 3], ['a3', 2], ['big', 9]]);
  });

  it('waits briefly for announced requests so they share the pass, and never when idle', async () => {
    const passes: string[][] = [];
    const b = new Batcher<string, Req, { id: string }>(8, async (_g, reqs) => (passes.push(reqs.map((r) => r.id)), reqs.map((r) => ({ id: r.id }))), 200);
    const req = (id: string): Req => ({ id, key: 'K', images: 1, load: async () => 'K' });
    const late = b.expect();
    const first = b.submit(req('first'));
    await new Promise((r) => setTimeout(r, 20));
    await Promise.all([first, b.submit(req('late'), late)]);
    expect(passes).toEqual([['first', 'late']]);

    const t0 = Date.now();
    await b.submit(req('alone'));
    expect(Date.now() - t0).toBeLessThan(100);
    const gaveUp = b.expect();
    gaveUp();
    const t1 = Date.now();
    await b.submit(req('after a job gave up'));
    expect(Date.now() - t1).toBeLessThan(100);
  });

  it('while busy, a pass waits for more requests (up to the gather time after its oldest); a lone client never waits', async () => {
    const passes: string[][] = [];
    const b = new Batcher<string, Req, { id: string }>(8, async (_g, reqs) => (passes.push(reqs.map((r) => r.id)), reqs.map((r) => ({ id: r.id }))), 15, 300, 4);
    const req = (id: string): Req => ({ id, key: 'K', images: 1, load: async () => 'K' });
    // One client at a time: every pass runs at once.
    const t0 = Date.now();
    for (const id of ['s1', 's2', 's3']) await b.submit(req(id));
    expect(Date.now() - t0).toBeLessThan(200);
    // Two at once: the pass is shared, so the worker counts as busy from now on.
    await Promise.all([b.submit(req('p1')), b.submit(req('p2'))]);
    // Busy: requests arriving 40 ms apart gather into one pass of 4 (the target) instead of four.
    const t1 = Date.now();
    const staggered = ['b1', 'b2', 'b3', 'b4'].map(async (id, i) => {
      await new Promise((r) => setTimeout(r, i * 40));
      return b.submit(req(id));
    });
    await Promise.all(staggered);
    expect(Date.now() - t1).toBeLessThan(290);
    // Busy but nobody else comes: the pass waits no longer than the gather time.
    const t2 = Date.now();
    await b.submit(req('late'));
    const waited = Date.now() - t2;
    expect(waited).toBeGreaterThanOrEqual(290);
    expect(waited).toBeLessThan(1000);
    // That pass was not shared and nothing arrived meanwhile: idle again, no wait.
    const t3 = Date.now();
    await b.submit(req('idle'));
    expect(Date.now() - t3).toBeLessThan(200);
    expect(passes).toEqual([['s1'], ['s2'], ['s3'], ['p1', 'p2'], ['b1', 'b2', 'b3', 'b4'], ['late'], ['idle']]);
  });

  it('fails only the requests of the failing group', async () => {
    const b = new Batcher<string, Req, { ok: true }>(8, async (g, reqs) => {
      if (g === 'bad') throw new Error('boom');
      return reqs.map(() => ({ ok: true as const }));
    });
    const [bad, good] = await Promise.allSettled([
      b.submit({ id: '1', key: 'bad', images: 1, load: async () => 'bad' }),
      b.submit({ id: '2', key: 'good', images: 1, load: async () => 'good' }),
    ]);
    expect(bad.status).toBe('rejected');
    expect(good.status).toBe('fulfilled');
  });
});

describe('LruCache of loaded generators', () => {
  const item = (name: string, disposed: string[]) => ({ name, dispose: () => disposed.push(name) });

  it('evicts the least recently used beyond the count and byte budgets, disposing it', async () => {
    const disposed: string[] = [];
    const cache = new LruCache<ReturnType<typeof item>>(2, 100);
    let loads = 0;
    const get = (k: string, bytes = 10) => cache.get(k, async () => (loads++, { value: item(k, disposed), bytes }));
    await get('a');
    await get('b');
    await get('a'); // a is now the most recent
    await get('c');
    expect(disposed).toEqual(['b']);
    expect(cache.keys()).toEqual(['a', 'c']);
    await get('d', 95); // over the byte budget: both others go
    expect(disposed).toEqual(['b', 'a', 'c']);
    expect(cache.keys()).toEqual(['d']);
    expect(loads).toBe(4);
  });

  it('loads a key once when asked concurrently', async () => {
    const cache = new LruCache<{ dispose(): void }>(4, 1e9);
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 10));
      return { value: { dispose() {} }, bytes: 1 };
    };
    const [x, y] = await Promise.all([cache.get('k', load), cache.get('k', load)]);
    expect(x).toBe(y);
    expect(loads).toBe(1);
  });
});
