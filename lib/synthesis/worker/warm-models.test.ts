// Worker start-up warm-up: which checkpoints it picks (public, visible, usable models' current
// checkpoints, newest first) and that warming leaves the generator loaded in the cache.
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { createUser } from '@/lib/testing/http';
import { importFixtureModel } from '@/lib/testing/models';
import { generatorCache } from '@/lib/synthesis/worker/renderer';
import { checkpointsToWarm, warmCheckpoints } from '@/lib/synthesis/worker/warm-models';

describe('warming synthesis workers', () => {
  it('picks public models only, newest first, and loads the generator into the cache', { timeout: 180_000 }, async () => {
    const user = await createUser('warm');
    const priv = await importFixtureModel(user.token, { name: 'warm private' });
    const pub = await importFixtureModel(user.token, { name: 'warm public', visibility: 'PUBLIC' });
    // Other suites publish models into the same database: look far enough down the list.
    const many = await checkpointsToWarm(1000);
    expect(many).toContain(pub.checkpoint.id);
    expect(many).not.toContain(priv.checkpoint.id);

    // A model hidden by a moderator, or archived by its owner, is not warmed.
    await db.model.update({ where: { id: pub.id }, data: { archived: true } });
    expect(await checkpointsToWarm(1000)).not.toContain(pub.checkpoint.id);
    await db.model.update({ where: { id: pub.id }, data: { archived: false } });
    expect(await checkpointsToWarm(0)).toEqual([]);

    const lines: string[] = [];
    const warmed = await warmCheckpoints([pub.checkpoint.id, 'no-such-checkpoint'], (l) => lines.push(l));
    expect(warmed.map((w) => w.checkpointId)).toEqual([pub.checkpoint.id]);
    expect(generatorCache().keys()).toContain(pub.checkpoint.id);
    expect(lines.some((l) => l.includes('no-such-checkpoint') && l.includes('failed'))).toBe(true);
  });
});
