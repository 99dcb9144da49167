import { formatPercent } from '@/lib/shared/format';
import type { RoundSummary } from '@/lib/features/classroom/types';

/** Each round's instruction and how well the room predicted it. */
export function RoundsTable({ rounds, current }: { rounds: RoundSummary[]; current: number }) {
  return (
    <ol className="space-y-2" data-testid="rounds">
      {[...rounds].reverse().map((round) => (
        <li key={round.number} className={`rounded-xl border p-3 ${round.number === current ? 'border-indigo-300 bg-indigo-50' : 'border-slate-200'}`}>
          <div className="flex flex-wrap items-baseline justify-between gap-x-3">
            <p className="font-semibold text-slate-900">
              Round {round.number}
              {round.number === current && <span className="ml-2 text-xs font-bold text-indigo-700 uppercase">now</span>}
            </p>
            <p className="text-sm text-slate-700 tabular-nums" data-testid={`round-${round.number}-accuracy`}>
              {round.predicted === 0 ? 'no prediction yet' : `${round.correct} of ${round.predicted} predictions right (${formatPercent(round.accuracy, 0)})`}
            </p>
          </div>
          <p className="mt-1 text-sm text-slate-700">{round.prompt}</p>
          <p className="text-xs text-slate-600">{round.requests === 1 ? '1 request' : `${round.requests} requests`}</p>
        </li>
      ))}
    </ol>
  );
}
