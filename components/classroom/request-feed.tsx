import { formatLatency } from '@/lib/shared/format';
import { outcomeOf, type RoomRequest } from '@/lib/features/classroom/types';
import { CacheBadge } from '../scenario/cache-badge';
import { OutcomeBadge, Verdict } from './outcome-badge';

/** The name part of `expensive_function:<name>`: the whole key is in the tooltip and in "Who warmed each key". */
const nameOf = (key: string) => key.slice(key.indexOf(':') + 1);

const time = (at: number) => new Date(at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** Who asked what, newest first: the prediction beside what the cache did and how long it took. */
export function RequestFeed({ feed }: { feed: RoomRequest[] }) {
  if (feed.length === 0) return <p className="text-slate-600">No request yet. Students: predict, then send your request.</p>;
  return (
    <div className="-mx-1 overflow-x-auto px-1" tabIndex={0} role="region" aria-label="Live requests, scrolls sideways on narrow screens">
      <table className="w-full min-w-[40rem] text-left text-sm" data-testid="room-feed">
        <thead className="text-xs text-slate-600 uppercase">
          <tr>
            <th scope="col" className="py-2 pr-3 font-semibold">Time</th>
            <th scope="col" className="py-2 pr-3 font-semibold">Who</th>
            <th scope="col" className="py-2 pr-3 font-semibold">Name asked</th>
            <th scope="col" className="py-2 pr-3 font-semibold">Predicted</th>
            <th scope="col" className="py-2 pr-3 font-semibold">Result</th>
            <th scope="col" className="py-2 pr-3 text-right font-semibold">Latency</th>
            <th scope="col" className="py-2 font-semibold">Prediction</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {feed.map((entry) => (
            <tr key={`${entry.at}-${entry.nickname}-${entry.key}`}>
              <td className="py-2 pr-3 whitespace-nowrap text-slate-600 tabular-nums">{time(entry.at)}</td>
              <td className="py-2 pr-3 font-semibold text-slate-900">{entry.nickname}</td>
              <td className="py-2 pr-3 font-mono whitespace-nowrap text-slate-800" title={`cache key ${entry.key}`}>
                {nameOf(entry.key)}
              </td>
              <td className="py-2 pr-3 whitespace-nowrap">
                {entry.prediction ? <OutcomeBadge outcome={entry.prediction} /> : '—'}
                {entry.predictedMs !== null && <span className="ml-1 text-xs text-slate-600">~{formatLatency(entry.predictedMs)}</span>}
              </td>
              <td className="py-2 pr-3 whitespace-nowrap">
                <CacheBadge status={entry.status} />
                {outcomeOf(entry.status) === 'hit' && entry.warmedBy && <span className="ml-1 text-xs text-slate-600">warmed by {entry.warmedBy}</span>}
              </td>
              <td className="py-2 pr-3 text-right whitespace-nowrap tabular-nums">{formatLatency(entry.latencyMs)}</td>
              <td className="py-2 whitespace-nowrap">
                <Verdict correct={entry.correct} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
