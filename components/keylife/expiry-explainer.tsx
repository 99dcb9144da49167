import type { KeyEvent, NotificationStatus } from '@/lib/features/keylife/types';
import { seconds } from './describe';

/** Lazy and active expiry, told with this key's own numbers when it has expired. */
export function ExpiryExplainer({ events, notifications }: { events: KeyEvent[]; notifications: NotificationStatus }) {
  const expiredAt = events.findLastIndex((event) => event.type === 'expired' && event.lagMs !== undefined);
  const expired = events[expiredAt];
  const zero = events.slice(0, expiredAt).findLast((event) => event.type === 'ttl-zero');
  const lazy = expired !== undefined && lookedUpRightThen(expired, events[expiredAt + 1]);
  return (
    <section data-testid="expiry-explainer" className="rounded-2xl border border-slate-200 bg-white p-5 text-sm leading-relaxed text-slate-700 shadow-sm sm:p-6">
      <h2 className="text-lg font-bold text-slate-900">When does Redis really remove an expired key?</h2>
      <p className="mt-2">
        A TTL reaching zero does not delete anything by itself. Redis removes an expired key in one of two ways: <strong>lazily</strong>, when a
        client touches it (every read or write checks the key&apos;s expiry first, and deletes it then), or <strong>actively</strong>, in a
        background cycle that runs 10 times a second (<code className="font-mono">hz 10</code>): it walks the keys that have a TTL 20 at a
        time, deletes the expired ones, and goes on while more than 10 % of them were expired, using at most about a quarter of the CPU. Either way it sends one <code className="font-mono">expired</code> notification.
      </p>
      {expired && zero ? (
        <p className="mt-2" data-testid="expiry-numbers">
          This key&apos;s TTL reached zero at {new Date(zero.at).toLocaleTimeString()}; Redis removed it{' '}
          <strong>{seconds(expired.lagMs!)}</strong> later.{' '}
          {lazy
            ? 'A request looked it up at that very moment (the next row stores it again, computed from then): that lookup removed it — lazy expiry.'
            : 'No request asked for it then, so the active cycle found it — with few keys that have a TTL that takes about one cycle (≤ 100 ms); with millions, an expired key may wait far longer, still using memory, until a sample or a client reaches it.'}
        </p>
      ) : (
        <p className="mt-2 text-slate-600">
          {notifications.unavailable.includes('expired')
            ? 'This backend does not report when it removes a key, so only the moment the TTL reached zero can be shown.'
            : 'Give an entry a short TTL (5 s on its scenario page) and keep this page open: the lag appears here once Redis removes it.'}
        </p>
      )}
    </section>
  );
}

/** The write right after the removal started computing when the key was removed: a lookup found it expired. */
function lookedUpRightThen(expired: KeyEvent, next: KeyEvent | undefined): boolean {
  if (!next || (next.type !== 'stored' && next.type !== 'overwritten') || next.computeMs === undefined) return false;
  const lookedUpAt = Date.parse(next.at) - next.computeMs;
  return Math.abs(lookedUpAt - Date.parse(expired.at)) < 100;
}
