// Group commit: items that arrive while a write is in flight share the next write; each item
// gets its own result; an item that makes a shared write fail fails alone.
import { describe, expect, it } from 'vitest';
import { groupCommit } from '@/lib/queue/group-commit';

describe('groupCommit', () => {
  it('writes a lone item at once and items arriving during a write together in the next one', async () => {
    const writes: number[][] = [];
    const submit = groupCommit(async (items: number[]) => {
      writes.push(items);
      await new Promise((r) => setTimeout(r, 30));
      return items.map((n) => n * 10);
    });
    const first = submit(1);
    await new Promise((r) => setTimeout(r, 5));
    // The first write is in flight: these three wait and share the next.
    const rest = [submit(2), submit(3), submit(4)];
    expect(submit.waiting()).toBe(3);
    expect(await Promise.all([first, ...rest])).toEqual([10, 20, 30, 40]);
    expect(writes).toEqual([[1], [2, 3, 4]]);
  });

  it('a failing shared write is retried item by item, so only the bad item fails', async () => {
    const writes: string[][] = [];
    const submit = groupCommit(async (items: string[]) => {
      writes.push(items);
      if (items.includes('bad')) throw new Error('bad item');
      return items.map((s) => s.toUpperCase());
    });
    const results = await Promise.allSettled([submit('a'), submit('bad'), submit('c')]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'rejected'))).toEqual(['A', 'rejected', 'C']);
    expect(writes).toEqual([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
  });
});
