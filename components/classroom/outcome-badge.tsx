import type { Outcome } from '@/lib/features/classroom/types';

/** HIT or MISS as a student predicts it: the two words the class learns. */
export function OutcomeBadge({ outcome }: { outcome: Outcome }) {
  const style = outcome === 'hit' ? 'bg-emerald-100 text-emerald-800 ring-emerald-600/30' : 'bg-rose-100 text-rose-800 ring-rose-600/30';
  return <span className={`inline-flex rounded-md px-2 py-0.5 text-xs font-bold uppercase ring-1 ring-inset ${style}`}>{outcome}</span>;
}

/** Right or wrong, in words as well as colour. */
export function Verdict({ correct }: { correct: boolean | null }) {
  if (correct === null) return <span className="text-slate-600">no prediction</span>;
  return correct ? <span className="font-semibold text-emerald-700">✓ right</span> : <span className="font-semibold text-rose-700">✗ wrong</span>;
}
