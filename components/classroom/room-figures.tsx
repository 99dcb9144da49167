import { formatCount, formatPercent } from '@/lib/shared/format';
import type { RoomView } from '@/lib/features/classroom/types';

/** Four figures for the back of the room. */
export function RoomFigures({ view }: { view: RoomView }) {
  const current = view.rounds.find((round) => round.number === view.round.number);
  return (
    <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      <Figure label="Students" value={`${view.students.length}`} testId="figure-students" note={`of ${view.maxStudents} seats`} />
      <Figure label="Requests" value={formatCount(view.totals.requests)} testId="figure-requests" note={`${formatCount(view.totals.hits)} HIT · ${formatCount(view.totals.misses)} MISS`} />
      <Figure label="Room hit ratio" value={formatPercent(view.totals.hitRatio, 0)} testId="figure-hit-ratio" note="HIT ÷ cache lookups" accent="text-emerald-700" />
      <Figure
        label={`Round ${view.round.number} predictions`}
        value={formatPercent(current?.accuracy ?? null, 0)}
        testId="figure-accuracy"
        note={current && current.predicted > 0 ? `${current.correct} of ${current.predicted} right` : 'no prediction yet'}
        accent="text-indigo-700"
      />
    </dl>
  );
}

function Figure({ label, value, note, testId, accent = 'text-slate-900' }: { label: string; value: string; note: string; testId: string; accent?: string }) {
  return (
    <div className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm">
      <dt className="text-sm font-semibold tracking-wide text-slate-600 uppercase">{label}</dt>
      <dd>
        <span data-testid={testId} className={`block text-4xl font-extrabold tabular-nums presenter:text-5xl ${accent}`}>
          {value}
        </span>
        <span className="mt-1 block text-sm text-slate-600">{note}</span>
      </dd>
    </div>
  );
}
