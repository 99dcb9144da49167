'use client';

import { useState } from 'react';
import type { NotificationStatus } from '@/lib/features/keylife/types';
import { apiData, errorText } from '../api/client';

/** Says what this backend can report; when Redis lacks notification classes, an admin can enable them. */
export function NotificationNotice({ status, onChanged }: { status: NotificationStatus; onChanged: () => void }) {
  const [note, setNote] = useState<string | null>(null);
  const complete = status.backend === 'redis' && status.missing.length === 0 && status.flags !== null && status.setting !== 'off';
  const enable = async () => {
    try {
      await apiData('/api/keys/notifications', { method: 'POST' });
      setNote('Enabled: Redis now reports expiry and eviction.');
    } catch (error) {
      setNote(errorText(error));
    }
    onChanged();
  };
  return (
    <section data-testid="notifications" className={`rounded-2xl border p-4 text-sm ${complete ? 'border-emerald-200 bg-emerald-50 text-emerald-900' : 'border-amber-200 bg-amber-50 text-amber-900'}`}>
      <p>{status.message}</p>
      {status.unavailable.length > 0 && <p className="mt-1 font-semibold">Not shown here: {status.unavailable.join(', ')}.</p>}
      {status.backend === 'redis' && status.missing.length > 0 && (
        <button type="button" onClick={() => void enable()} className="mt-3 rounded-lg border border-amber-400 bg-white px-3 py-1.5 font-semibold text-amber-900 hover:bg-amber-100">
          Enable keyspace notifications (CONFIG SET)
        </button>
      )}
      {note && <p role="status" className="mt-2">{note}</p>}
    </section>
  );
}
