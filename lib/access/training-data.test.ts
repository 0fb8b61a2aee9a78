import { describe, expect, it } from 'vitest';
import { canSeeTrainingData, type ModelWithData } from './training-data';

const alice = { id: 'alice', role: 'USER' as const, teamIds: ['t1'] };
const bob = { id: 'bob', role: 'USER' as const, teamIds: [] };
const base: ModelWithData = { ownerId: 'alice', teamId: null, visibility: 'PUBLIC', hidden: false, ready: true, archived: false, proceduralData: false, dataset: null };

describe('who may see a model’s training data beside its fakes', () => {
  it('the bundled model’s procedural faces: anyone who may read the model, signed out included', () => {
    const bundled = { ...base, proceduralData: true };
    expect(canSeeTrainingData(null, bundled)).toBe(true);
    expect(canSeeTrainingData(bob, bundled)).toBe(true);
    expect(canSeeTrainingData(bob, { ...bundled, visibility: 'PRIVATE' })).toBe(false);
    expect(canSeeTrainingData(bob, { ...bundled, hidden: true })).toBe(false);
  });

  it('a dataset: only its owner or its team, even when the model is public', () => {
    const onPrivate = { ...base, dataset: { ownerId: 'alice', teamId: null } };
    expect(canSeeTrainingData(alice, onPrivate)).toBe(true);
    expect(canSeeTrainingData(bob, onPrivate)).toBe(false);
    expect(canSeeTrainingData(null, onPrivate)).toBe(false);
    const onTeam = { ...base, dataset: { ownerId: 'carol', teamId: 't1' } };
    expect(canSeeTrainingData(alice, onTeam)).toBe(true);
    expect(canSeeTrainingData(bob, onTeam)).toBe(false);
  });

  it('no data, an unfinished or hidden-by-owner model: nobody', () => {
    expect(canSeeTrainingData(alice, base)).toBe(false);
    expect(canSeeTrainingData(alice, { ...base, proceduralData: true, ready: false })).toBe(false);
    expect(canSeeTrainingData(alice, { ...base, proceduralData: true, archived: true })).toBe(false);
  });
});
