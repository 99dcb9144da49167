import type { Warmer } from '@/lib/features/classroom/types';

/** "Ada's request made the next 12 fast": the miss that paid for everyone's hits. */
export function Warmers({ warmers }: { warmers: Warmer[] }) {
  if (warmers.length === 0) return <p className="text-slate-600">The first miss on a key will show here: whoever pays for it makes the next requests fast.</p>;
  return (
    <ul className="space-y-2" data-testid="warmers">
      {warmers.map((warmer) => (
        <li key={warmer.key} className="rounded-xl border border-slate-200 p-3">
          <p className="text-base text-slate-900">{sentence(warmer)}</p>
          <p className="font-mono text-xs break-all text-slate-600">{warmer.key}</p>
        </li>
      ))}
    </ul>
  );
}

function sentence({ warmedBy, hitsSince }: Warmer): string {
  const next = hitsSince === 1 ? 'the next request' : `the next ${hitsSince}`;
  if (warmedBy === null) return `Stored before this room asked (or outside it): ${hitsSince === 1 ? '1 hit' : `${hitsSince} hits`} here so far.`;
  if (hitsSince === 0) return `${warmedBy}’s miss stored it: nobody has asked again yet.`;
  return `${warmedBy}’s request made ${next} fast.`;
}
