import type { ReactNode } from 'react';
import type { RedisInfo, ScenarioFigures } from '@/lib/contracts/dashboard';
import { formatBytes, formatCount, formatDuration } from '@/lib/shared/format';
import { ClusterNodes } from './cluster-nodes';
import { Panel } from './panel';

const NOT_AVAILABLE = 'not available';

const count = (value: number | null) => (value === null ? NOT_AVAILABLE : formatCount(value));

/** What the Redis server says about itself, beside what Cache Lab counted, and why the two differ. */
export function RedisPanel({ info, app, error }: { info: RedisInfo | undefined; app: ScenarioFigures | undefined; error: Error | undefined }) {
  if (!info) {
    return (
      <Panel testId="redis-panel" title="Redis server">
        <p className={error ? 'text-rose-700' : 'text-slate-600'}>{error ? error.message : 'Asking Redis…'}</p>
      </Panel>
    );
  }
  const embedded = info.backend === 'embedded';
  const memory = info.usedMemoryBytes === null ? NOT_AVAILABLE : `${formatBytes(info.usedMemoryBytes)}${info.peakMemoryBytes === null ? '' : ` (peak ${formatBytes(info.peakMemoryBytes)})`}`;
  return (
    <Panel
      testId="redis-panel"
      title="Redis server"
      subtitle={
        embedded
          ? 'Embedded in-memory store (ioredis-mock) inside the app: there is no server to ask.'
          : info.cluster
            ? `Redis ${info.version ?? ''} · cluster of ${info.cluster.nodes.filter((node) => node.role === 'master').length} masters: figures summed over them`
            : `Redis ${info.version ?? ''} · ${info.mode ?? 'unknown mode'}`
      }
    >
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-3">
        <Figure label="Version" value={info.version ?? NOT_AVAILABLE} />
        <Figure label="Uptime" value={info.uptimeSeconds === null ? NOT_AVAILABLE : formatDuration(info.uptimeSeconds * 1000)} />
        <Figure label={info.cluster ? 'Keys (all masters)' : 'Keys in this DB'} value={count(info.keys)} />
        <Figure label="Memory used" value={memory} wide />
        <Figure label="Clients" value={count(info.connectedClients)} />
        <Figure label="Ops per second" value={info.opsPerSecond === null ? NOT_AVAILABLE : `${formatCount(info.opsPerSecond)}/s`} />
        <Figure label="Max memory" value={info.maxMemoryBytes === null ? NOT_AVAILABLE : info.maxMemoryBytes === 0 ? 'no limit' : `${formatBytes(info.maxMemoryBytes)} · ${info.evictionPolicy ?? ''}`} wide />
      </dl>

      {info.cluster && <ClusterNodes cluster={info.cluster} />}

      <h3 className="mt-5 text-sm font-semibold tracking-wide text-slate-600 uppercase">Server counters vs Cache Lab&apos;s</h3>
      <table className="mt-2 w-full text-right text-sm tabular-nums" data-testid="server-vs-app">
        <thead>
          <tr className="border-b border-slate-200 text-sm font-semibold text-slate-600 uppercase">
            <th scope="col" className="py-1.5 text-left" />
            <th scope="col" className="px-2 py-1.5">Redis server</th>
            <th scope="col" className="py-1.5 pl-2">Cache Lab</th>
          </tr>
        </thead>
        <tbody>
          <Compare label="Hits" server={info.keyspaceHits} app={app ? app.counts.hit + app.counts.stale : null} />
          <Compare label="Misses" server={info.keyspaceMisses} app={app ? app.counts.miss + app.counts.coalesced : null} />
          <Compare label="Expired keys" server={info.expiredKeys} app={null} />
          <Compare label="Evicted keys" server={info.evictedKeys} app={null} />
        </tbody>
      </table>
      <p className="mt-3 text-sm leading-relaxed text-slate-600">
        {embedded
          ? 'Server figures (memory, clients, ops/s, keyspace hits and misses, expired and evicted keys) are not available in the embedded store. Start Redis and set REDIS_URL to see them.'
          : 'They differ on purpose. Redis counts every key lookup by every client since it started, including this dashboard’s own reads (metric hashes, key browser) and other apps on the same server. Cache Lab counts only its cache lookups, since its statistics were last reset. Expired and evicted keys are Redis’ alone: Cache Lab only sees the next request miss.'}
      </p>
    </Panel>
  );
}

function Figure({ label, value, wide }: { label: string; value: ReactNode; wide?: boolean }) {
  const missing = value === NOT_AVAILABLE;
  return (
    <div className={`rounded-lg bg-slate-50 px-3 py-2 ${wide ? 'col-span-2' : ''}`}>
      <dt className="text-sm font-medium tracking-wide text-slate-600 uppercase">{label}</dt>
      <dd className={`font-semibold tabular-nums ${missing ? 'text-sm text-slate-600 italic' : 'text-slate-900'}`}>{value}</dd>
    </div>
  );
}

function Compare({ label, server, app }: { label: string; server: number | null; app: number | null }) {
  return (
    <tr className="border-b border-slate-100">
      <th scope="row" className="py-1.5 text-left font-medium text-slate-700">{label}</th>
      <td className={`px-2 py-1.5 ${server === null ? 'text-slate-600 italic' : 'font-semibold text-slate-900'}`}>{count(server)}</td>
      <td className={`py-1.5 pl-2 ${app === null ? 'text-slate-600' : 'font-semibold text-slate-900'}`}>{app === null ? '—' : formatCount(app)}</td>
    </tr>
  );
}
