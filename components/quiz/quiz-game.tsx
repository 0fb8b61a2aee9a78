'use client';
// "Which face is real?": pick the real image of the pair, see the answer, tick the cues.
import { useCallback, useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { CUES, type CueId } from '@/lib/quiz/cues';
import { CueIllustration } from './cue-illustration';

type PlayableModel = { id: string; name: string; bundled: boolean; data: string };
type Round = { id: string; modelId: string; modelName: string; images: { a: string; b: string } };
type Score = { answered: number; correct: number; accuracy: number | null; streak: number; bestStreak: number; history: Array<{ roundId: string; modelName: string; correct: boolean }> };
type Answer = { correct: boolean; realSlot: 'a' | 'b'; pick: 'a' | 'b' };

async function call<T>(url: string, init?: RequestInit): Promise<{ ok: true; data: T } | { ok: false; status: number; message: string; retryAfter: number }> {
  const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...(init?.headers ?? {}) } });
  const data = await res.json().catch(() => null);
  if (res.ok) return { ok: true, data };
  return { ok: false, status: res.status, message: data?.error?.message ?? 'Something went wrong', retryAfter: Number(res.headers.get('retry-after') ?? 2) };
}

export function QuizGame({ models, initialScore }: { models: PlayableModel[]; initialScore: Score }) {
  const [modelId, setModelId] = useState(models[0]?.id ?? '');
  const [round, setRound] = useState<Round | null>(null);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [score, setScore] = useState<Score>(initialScore);
  const [cues, setCues] = useState<CueId[]>([]);
  const [cuesSaved, setCuesSaved] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    async (attempt = 0) => {
      setBusy(true);
      setAnswer(null);
      setCues([]);
      setCuesSaved(false);
      const res = await call<{ round: Round }>('/api/v1/quiz/rounds', { method: 'POST', body: JSON.stringify({ modelId }) });
      if (res.ok) {
        setRound(res.data.round);
        setMessage(null);
        setBusy(false);
      } else if (res.status === 503 && attempt < 30) {
        setMessage('A worker is preparing rounds for this model…');
        setTimeout(() => load(attempt + 1), res.retryAfter * 1000);
      } else {
        setMessage(res.message);
        setBusy(false);
      }
    },
    [modelId],
  );

  useEffect(() => {
    if (modelId) load();
  }, [modelId, load]);

  async function pick(slot: 'a' | 'b') {
    if (!round || answer || busy) return;
    setBusy(true);
    const res = await call<{ correct: boolean; realSlot: 'a' | 'b'; score: Score }>(`/api/v1/quiz/rounds/${round.id}/answer`, { method: 'POST', body: JSON.stringify({ pick: slot }) });
    setBusy(false);
    if (!res.ok) return setMessage(res.message);
    setAnswer({ correct: res.data.correct, realSlot: res.data.realSlot, pick: slot });
    setScore(res.data.score);
  }

  async function saveCues() {
    if (!round) return;
    const res = await call(`/api/v1/quiz/rounds/${round.id}/cues`, { method: 'POST', body: JSON.stringify({ cues }) });
    if (res.ok) setCuesSaved(true);
    else setMessage(res.message);
  }

  if (models.length === 0) return <p className="text-stone-600">No model you may see has training data you may see, so there is nothing to play with yet.</p>;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <label className="flex flex-col text-sm text-stone-600">
          Model
          <select className="mt-1 rounded border border-stone-300 bg-white px-2 py-1 text-stone-900" value={modelId} onChange={(e) => setModelId(e.target.value)} data-testid="quiz-model">
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
                {m.bundled ? ' (bundled)' : ''}
              </option>
            ))}
          </select>
        </label>
        <dl className="flex gap-5 text-sm" data-testid="quiz-score">
          <div><dt className="text-stone-500">Answered</dt><dd className="text-lg font-semibold" data-testid="score-answered">{score.answered}</dd></div>
          <div><dt className="text-stone-500">Accuracy</dt><dd className="text-lg font-semibold" data-testid="score-accuracy">{score.accuracy === null ? '–' : `${Math.round(score.accuracy * 100)} %`}</dd></div>
          <div><dt className="text-stone-500">Streak</dt><dd className="text-lg font-semibold" data-testid="score-streak">{score.streak}</dd></div>
          <div><dt className="text-stone-500">Best</dt><dd className="text-lg font-semibold">{score.bestStreak}</dd></div>
        </dl>
      </div>

      <p className="text-stone-700">One of these faces is from the model’s training data, the other was generated. Which one is real?</p>
      {message && <p className="text-sm text-stone-600" role="status">{message}</p>}
      {round && (
        <div className="grid max-w-2xl grid-cols-2 gap-3 sm:gap-6" data-testid="quiz-round" data-round-id={round.id}>
          {(['a', 'b'] as const).map((slot) => {
            const isReal = answer?.realSlot === slot;
            const border = !answer ? 'border-stone-200 hover:border-accent' : isReal ? 'border-green-600' : 'border-red-500';
            return (
              <button key={slot} type="button" onClick={() => pick(slot)} disabled={Boolean(answer) || busy} data-testid={`pick-${slot}`} className={`group relative overflow-hidden rounded-lg border-4 ${border} bg-stone-100 disabled:cursor-default`}>
                {/* Both images at the same size, whatever the model's resolution. */}
                <img src={round.images[slot]} alt={`Face ${slot.toUpperCase()}`} className="aspect-square w-full [image-rendering:pixelated]" />
                {answer && (
                  <span className={`absolute left-2 top-2 rounded px-2 py-0.5 text-xs font-semibold text-white ${isReal ? 'bg-green-700' : 'bg-red-600'}`} data-testid={`reveal-${slot}`}>
                    {isReal ? 'Real' : 'Generated'}
                  </span>
                )}
              </button>
            );
          })}
        </div>
      )}

      {answer && (
        <div className="space-y-4 rounded-lg border border-stone-200 bg-white p-4" data-testid="quiz-result">
          <p className={`font-semibold ${answer.correct ? 'text-green-700' : 'text-red-700'}`} data-testid="quiz-verdict">
            {answer.correct ? 'Right: you found the real one.' : 'Fooled: that one was generated.'}
          </p>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">What gave the generated face away?</legend>
            <ul className="grid gap-2 sm:grid-cols-2">
              {CUES.map((c) => (
                <li key={c.id}>
                  <label className="flex gap-3 rounded border border-stone-100 p-2 text-sm">
                    <input type="checkbox" className="mt-1" disabled={cuesSaved} checked={cues.includes(c.id)} onChange={(e) => setCues((cur) => (e.target.checked ? [...cur, c.id] : cur.filter((x) => x !== c.id)))} data-testid={`cue-${c.id}`} />
                    <CueIllustration cue={c.id} />
                    <span>
                      <span className="font-medium">{c.title}</span>
                      <span className="block text-stone-600">{c.text}</span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <div className="flex flex-wrap gap-2">
            {cues.length > 0 && !cuesSaved && (
              <Button type="button" variant="secondary" onClick={saveCues} data-testid="save-cues">Save cues</Button>
            )}
            {cuesSaved && <span className="text-sm text-stone-600">Cues saved.</span>}
            <Button type="button" onClick={() => load()} disabled={busy} data-testid="next-round">Next round</Button>
          </div>
        </div>
      )}

      {score.history.length > 0 && (
        <section className="space-y-1">
          <h2 className="text-sm font-semibold">Your last answers</h2>
          <ol className="flex flex-wrap gap-1" data-testid="quiz-history">
            {score.history.map((h) => (
              <li key={h.roundId} title={h.modelName} className={`h-4 w-4 rounded-sm ${h.correct ? 'bg-green-600' : 'bg-red-500'}`} />
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
