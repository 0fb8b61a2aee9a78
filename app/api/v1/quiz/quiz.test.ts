import IORedis from 'ioredis';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { BUNDLED_CHECKPOINT_LABEL } from '@/lib/demo/bundled-model';
import { ANON_ROUNDS_PER_WINDOW } from '@/lib/quiz/constants';
import { wilson } from '@/lib/quiz/wilson';
import { api, baseUrl, createUser } from '@/lib/testing/http';
import { importFixtureModel } from '@/lib/testing/models';
import { waitFor } from '@/lib/testing/wait-for';

async function bundledLikeModel(token: string, fields: Record<string, string> = {}) {
  const model = await importFixtureModel(token, fields);
  await db.checkpoint.update({ where: { id: model.checkpoint.id }, data: { label: `${BUNDLED_CHECKPOINT_LABEL} · test` } });
  return model;
}

/** POST /quiz/rounds until the worker has filled the pool (503 until then). */
async function nextRound(modelId: string, auth: { token?: string; cookie?: string }) {
  return waitFor(
    'a prepared quiz round',
    async () => {
      const res = await api('/api/v1/quiz/rounds', { method: 'POST', json: { modelId }, ...auth });
      return res.status === 503 ? null : res;
    },
    120_000,
    { intervalMs: 500 },
  );
}

async function image(url: string, auth: { token?: string; cookie?: string }) {
  const headers: Record<string, string> = {};
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  if (auth.cookie) headers.cookie = auth.cookie;
  const res = await fetch(`${baseUrl()}${url}`, { headers });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('quiz: rounds, answers, cues and scores', () => {
  it('serves prepared rounds once, takes one answer per round and keeps score', async () => {
    const alice = await createUser('quiz');
    const bob = await createUser('quiz-other');
    const model = await bundledLikeModel(alice.token);
    const listed = await api('/api/v1/quiz/models', { token: alice.token });
    expect(listed.data.models.find((m: { id: string }) => m.id === model.id)).toMatchObject({ bundled: true });
    // Another user's private model is not theirs to play.
    expect((await api('/api/v1/quiz/models', { token: bob.token })).data.models.map((m: { id: string }) => m.id)).not.toContain(model.id);
    expect((await api('/api/v1/quiz/rounds', { method: 'POST', token: bob.token, json: { modelId: model.id } })).status).toBe(404);

    const first = await nextRound(model.id, { token: alice.token });
    expect(first.status).toBe(200);
    const round = first.data.round;
    const [a, b] = [await image(round.images.a, { token: alice.token }), await image(round.images.b, { token: alice.token })];
    expect([a.status, b.status]).toEqual([200, 200]);
    const [ma, mb] = [await sharp(a.bytes).metadata(), await sharp(b.bytes).metadata()];
    expect([ma.width, ma.height]).toEqual([32, 32]);
    expect([mb.width, mb.height]).toEqual([32, 32]);
    expect((await image(round.images.a, { token: bob.token })).status).toBe(404);

    // Asking again before answering gives the same round: a hard one cannot be skipped.
    expect((await nextRound(model.id, { token: alice.token })).data.round.id).toBe(round.id);
    expect((await api(`/api/v1/quiz/rounds/${round.id}/cues`, { method: 'POST', token: alice.token, json: { cues: ['teeth'] } })).status).toBe(409);
    expect((await api(`/api/v1/quiz/rounds/${round.id}/answer`, { method: 'POST', token: alice.token, json: { pick: 'c' } })).status).toBe(400);
    expect((await api(`/api/v1/quiz/rounds/${round.id}/answer`, { method: 'POST', token: bob.token, json: { pick: 'a' } })).status).toBe(404);

    const row = await db.quizRound.findUniqueOrThrow({ where: { id: round.id } });
    const answer = await api(`/api/v1/quiz/rounds/${round.id}/answer`, { method: 'POST', token: alice.token, json: { pick: 'a' } });
    expect(answer.status).toBe(200);
    expect(answer.data).toMatchObject({ correct: row.realSlot === 'a', realSlot: row.realSlot, score: { answered: 1 } });
    // One vote per round.
    expect((await api(`/api/v1/quiz/rounds/${round.id}/answer`, { method: 'POST', token: alice.token, json: { pick: 'b' } })).status).toBe(409);
    expect((await api(`/api/v1/quiz/rounds/${round.id}/cues`, { method: 'POST', token: alice.token, json: { cues: ['nope'] } })).status).toBe(400);
    expect((await api(`/api/v1/quiz/rounds/${round.id}/cues`, { method: 'POST', token: alice.token, json: { cues: ['teeth', 'hair'] } })).status).toBe(200);
    expect((await api(`/api/v1/quiz/rounds/${round.id}/cues`, { method: 'POST', token: alice.token, json: { cues: ['blobs'] } })).status).toBe(409);

    // Four more rounds, always picking b: the score follows the stored answers.
    const seen = new Set([round.id]);
    for (let i = 0; i < 4; i++) {
      const r = (await nextRound(model.id, { token: alice.token })).data.round;
      expect(seen.has(r.id)).toBe(false);
      seen.add(r.id);
      expect((await api(`/api/v1/quiz/rounds/${r.id}/answer`, { method: 'POST', token: alice.token, json: { pick: 'b' } })).status).toBe(200);
    }
    const rows = await db.quizRound.findMany({ where: { id: { in: [...seen] } }, orderBy: { answeredAt: 'asc' } });
    const correct = rows.filter((r) => r.correct).length;
    let streak = 0;
    for (const r of rows) streak = r.correct ? streak + 1 : 0;
    const score = (await api('/api/v1/quiz/score', { token: alice.token })).data.score;
    expect(score).toMatchObject({ answered: 5, correct, accuracy: correct / 5, streak });
    expect(score.history).toHaveLength(5);

    const board = (await api('/api/v1/quiz/leaderboard', { token: alice.token })).data.models;
    const mine = board.find((m: { modelId: string }) => m.modelId === model.id);
    expect(mine).toMatchObject({ votes: 5, fooled: 5 - correct });
    expect(mine.foolRateCi95[0]).toBeCloseTo(wilson(5 - correct, 5)[0], 10);
    expect(mine.topCues).toEqual(expect.arrayContaining([{ cue: 'teeth', count: 1 }, { cue: 'hair', count: 1 }]));
  });

  it('never shows another user’s private dataset: a model trained on it is not playable by others, even public', async () => {
    const alice = await createUser('quiz-data');
    const bob = await createUser('quiz-data-other');
    const model = await importFixtureModel(alice.token, { visibility: 'PUBLIC' });
    const dataset = await db.dataset.create({ data: { name: 'Alice private faces', ownerId: alice.id, resolution: 32 } });
    await db.model.update({ where: { id: model.id }, data: { datasetId: dataset.id } });
    expect((await api('/api/v1/quiz/models', { token: alice.token })).data.models.map((m: { id: string }) => m.id)).toContain(model.id);
    expect((await api('/api/v1/quiz/models', { token: bob.token })).data.models.map((m: { id: string }) => m.id)).not.toContain(model.id);
    expect((await api('/api/v1/quiz/rounds', { method: 'POST', token: bob.token, json: { modelId: model.id } })).status).toBe(404);
    expect((await api('/api/v1/quiz/rounds', { method: 'POST', json: { modelId: model.id } })).status).toBe(404);
    expect(await db.quizRound.count({ where: { modelId: model.id, playerKey: { not: null } } })).toBe(0);
  });

  it('lets anonymous players play a public model with a cookie, and rate-limits them per address', async () => {
    const alice = await createUser('quiz-public');
    const model = await bundledLikeModel(alice.token, { visibility: 'PUBLIC' });
    // Alice's request starts the pool; anonymous requests then find it ready (each one counts).
    await api('/api/v1/quiz/rounds', { method: 'POST', token: alice.token, json: { modelId: model.id } });
    await waitFor('the pool', async () => (await db.quizRound.count({ where: { modelId: model.id, servedAt: null } })) >= 2, 120_000, { intervalMs: 500 });
    const first = await api('/api/v1/quiz/rounds', { method: 'POST', json: { modelId: model.id } });
    expect(first.status).toBe(200);
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0];
    expect(cookie).toMatch(/^atelier_quiz=/);
    const round = first.data.round;
    expect((await image(round.images.b, { cookie })).status).toBe(200);
    expect((await image(round.images.b, {})).status).toBe(404);
    expect((await api(`/api/v1/quiz/rounds/${round.id}/answer`, { method: 'POST', cookie, json: { pick: 'b' } })).status).toBe(200);
    expect((await api('/api/v1/quiz/score', { cookie })).data.score.answered).toBe(1);

    let limited = null;
    for (let i = 0; i < ANON_ROUNDS_PER_WINDOW + 2 && !limited; i++) {
      const res = await api('/api/v1/quiz/rounds', { method: 'POST', cookie, json: { modelId: model.id } });
      if (res.status === 429) limited = res;
    }
    expect(limited?.status).toBe(429);
    // Signed-in players are counted per account, not per address.
    expect([200, 503]).toContain((await api('/api/v1/quiz/rounds', { method: 'POST', token: alice.token, json: { modelId: model.id } })).status);
  });

  // Every suite plays from 127.0.0.1: give the address its anonymous rounds back, so that later
  // suites (the all-pages e2e opens /quiz signed out) do not start over the limit this test reached.
  afterAll(async () => {
    const redis = new IORedis(process.env.REDIS_URL!, { maxRetriesPerRequest: 1 });
    try {
      const keys = await redis.keys(`${process.env.QUEUE_PREFIX}:throttle:quiz-anon*`);
      if (keys.length) await redis.del(...keys);
    } finally {
      redis.disconnect();
    }
  });
});
