// Models ranked by fool rate, with the 95 % Wilson interval and the most ticked cues.
import { CUES } from '@/lib/quiz/cues';

type Row = { modelId: string; name: string; votes: number; foolRate: number | null; foolRateCi95: number[] | null; topCues: Array<{ cue: string; count: number }> };

const pct = (v: number) => `${Math.round(v * 100)} %`;
const cueTitle = (id: string) => CUES.find((c) => c.id === id)?.title ?? id;

export function FoolRate({ row }: { row: Pick<Row, 'votes' | 'foolRate' | 'foolRateCi95'> }) {
  if (row.foolRate === null || !row.foolRateCi95) return <span className="text-stone-500">no votes yet</span>;
  return (
    <span>
      {pct(row.foolRate)} <span className="text-xs text-stone-500">(95 % CI {pct(row.foolRateCi95[0])}–{pct(row.foolRateCi95[1])}, {row.votes} votes)</span>
    </span>
  );
}

export function Leaderboard({ rows }: { rows: Row[] }) {
  if (rows.length === 0) return <p className="text-sm text-stone-500">No models to rank yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[30rem] text-left text-sm" data-testid="quiz-leaderboard">
        <thead className="text-xs text-stone-500">
          <tr>
            <th className="py-1 pr-3 font-medium">Model</th>
            <th className="py-1 pr-3 font-medium">Fool rate</th>
            <th className="py-1 font-medium">Most ticked cues</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.modelId} className="border-t border-stone-100" data-testid="leaderboard-row">
              <td className="py-1 pr-3">{r.name}</td>
              <td className="py-1 pr-3"><FoolRate row={r} /></td>
              <td className="py-1 text-stone-600">{r.topCues.length ? r.topCues.map((c) => `${cueTitle(c.cue)} (${c.count})`).join(', ') : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
