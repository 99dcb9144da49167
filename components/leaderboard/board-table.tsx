import { formatPoints } from '@/lib/shared/format';
import type { BoardChange, BoardEntry } from '@/lib/scenarios/leaderboard/diff';

interface Props {
  entries: readonly BoardEntry[];
  /** Per player, how the live database differs; null until compared. */
  changes: ReadonlyMap<number, BoardChange> | null;
}

/** The cached top 50, with the rows the database no longer agrees with marked. */
export function BoardTable({ entries, changes }: Props) {
  return (
    <div className="max-h-[28rem] overflow-y-auto rounded-lg border border-slate-200">
      <table className="w-full text-sm" data-testid="board">
        <thead className="sticky top-0 bg-slate-50 text-left text-sm uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-2 py-2 sm:px-3 font-medium">Rank</th>
            <th scope="col" className="px-2 py-2 sm:px-3 font-medium">Player</th>
            <th scope="col" className="px-2 py-2 sm:px-3 text-right font-medium">Score</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entries.map((entry) => {
            const change = changes?.get(entry.playerId);
            return (
              <tr key={entry.playerId} className={change ? 'bg-amber-50' : undefined} data-changed={change ? change.kind : undefined}>
                <td className="px-2 py-1.5 sm:px-3 font-mono tabular-nums text-slate-600">#{entry.rank}</td>
                <td className="px-2 py-1.5 sm:px-3">
                  <span className="font-medium text-slate-900">{entry.name}</span> <span className="whitespace-nowrap text-sm text-slate-600">ID {entry.playerId}</span>
                  {change && <span className="block text-sm font-medium text-amber-800">{liveNote(change)}</span>}
                </td>
                <td className="whitespace-nowrap px-2 py-1.5 sm:px-3 text-right tabular-nums text-slate-900">{formatPoints(entry.score)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function liveNote(change: BoardChange): string {
  if (change.kind === 'left') return 'live: no longer in the top 50';
  if (change.kind === 'changed') return `live: #${change.live.rank} · ${formatPoints(change.live.score)}`;
  return '';
}
