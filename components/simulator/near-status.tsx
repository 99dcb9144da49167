'use client';

import useSWR from 'swr';
import { formatBytes, formatCount } from '@/lib/shared/format';
import { fetchHealth } from '../api/client';

const counted = (count: number, one: string, many: string) => `${formatCount(count)} ${count === 1 ? one : many}`;

/** Where strategy `near` stands on the server answering this page: why it cannot run here, or its L1 right now. */
export function NearStatus() {
  const { data } = useSWR('/api/health', fetchHealth, { refreshInterval: 3000 });
  const near = data?.nearCache;
  if (!near) return null;
  if (!near.available) {
    return <p className="mt-3 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">Here it cannot run: {near.reason}.</p>;
  }
  if (!near.started) return <p className="mt-3 border-t border-slate-100 pt-2 text-sm text-slate-500">On this server: starts with the first request that uses it.</p>;
  const masters = near.nodes && near.nodes.length > 0 ? `, on ${near.nodes.length} cluster masters (each tracks its own keys)` : '';
  return (
    <p className="mt-3 border-t border-slate-100 pt-2 text-sm text-slate-600" data-testid="near-status">
      On this server: L1 <strong>{near.state}</strong>, {counted(near.entries, 'entry', 'entries')} ({formatBytes(near.bytes)}){masters};{' '}
      {counted(near.invalidations, 'invalidation', 'invalidations')} received from Redis.
    </p>
  );
}
