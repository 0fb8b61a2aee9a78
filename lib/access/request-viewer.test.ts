import { describe, expect, it } from 'vitest';
import { knownViewer, runAsViewer } from '@/lib/access/request-viewer';

const alice = { id: 'alice', role: 'USER' as const, teamIds: ['t1'] };

describe('the request viewer', () => {
  it('is the authenticated caller for the whole request, across awaits', async () => {
    const seen = await runAsViewer(alice, async () => {
      await new Promise((r) => setTimeout(r, 5));
      return knownViewer('alice');
    });
    expect(seen).toEqual(alice);
  });

  it('answers only for that user: anyone else is looked up', () => {
    runAsViewer(alice, () => expect(knownViewer('bob')).toBeUndefined());
  });

  it('is unknown outside a request and for a signed-out caller', () => {
    expect(knownViewer('alice')).toBeUndefined();
    runAsViewer(null, () => expect(knownViewer('alice')).toBeUndefined());
  });

  it('keeps concurrent requests apart', async () => {
    const bob = { id: 'bob', role: 'ADMIN' as const, teamIds: [] };
    const [a, b] = await Promise.all([
      runAsViewer(alice, async () => (await new Promise((r) => setTimeout(r, 10)), knownViewer('alice'))),
      runAsViewer(bob, async () => (await new Promise((r) => setTimeout(r, 1)), knownViewer('bob'))),
    ]);
    expect([a?.id, b?.id]).toEqual(['alice', 'bob']);
  });
});
