'use client';

import { Panel } from '../dashboard/panel';
import { useState } from 'react';
import useSWR from 'swr';
import { formatCount, formatLatency } from '@/lib/shared/format';
import type { BreakerState, FailureSnapshot, LabStatus, TrafficSnapshot } from '@/lib/features/labs/types';
import { apiData, fetchData } from '../api/client';
import { AnswersChart, LatencyChart } from './failure-charts';
import { LabRedisCard } from './lab-redis-card';

export interface FailureLimits {
  maxPauseSeconds: number;
  maxLatencyMs: number;
  commandTimeoutMs: number;
  cooldownMs: number;
}

/** Traffic on the lab Redis, faults to inject, and the app's side of it, live (polled 4× a second). */
export function FailureLab({ limits }: { limits: FailureLimits }) {
  const [problem, setProblem] = useState<string | null>(null);
  const [pauseSeconds, setPauseSeconds] = useState('5');
  const [latencyMs, setLatencyMs] = useState('400');
  const status = useSWR<LabStatus>('/api/labs', fetchData, { refreshInterval: 3000 });
  const lab = useSWR<FailureSnapshot>(status.data?.available ? '/api/labs/faults' : null, fetchData, {
    refreshInterval: (snapshot) => (snapshot?.traffic?.status === 'running' ? 250 : 2000),
  });
  const traffic = lab.data?.traffic ?? null;
  const running = traffic?.status === 'running';

  // An admin action: the API client asks for the token when the server wants it.
  const send = async (body: Record<string, unknown>) => {
    setProblem(null);
    try {
      await lab.mutate(await apiData<FailureSnapshot>('/api/labs/faults', { method: 'POST', json: body }), { revalidate: false });
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
    await status.mutate();
  };

  return (
    <div className="space-y-4">
      <LabRedisCard status={status.data ?? null} error={status.error as Error | undefined} />
      {problem && (
        <p role="alert" className="rounded-xl border border-rose-200 bg-rose-50 p-4 text-rose-900">
          {problem}
        </p>
      )}
      {status.data?.available && (
        <div className="grid min-w-0 gap-4 xl:grid-cols-[22rem_minmax(0,1fr)]">
          <section aria-labelledby="faults-heading" className="space-y-3 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm">
            <h2 id="faults-heading" className="text-lg font-bold text-slate-900">
              1. Traffic, 2. a fault
            </h2>
            {running ? (
              <Action onClick={() => void send({ action: 'stop-traffic' })} tone="plain">
                Stop the traffic
              </Action>
            ) : (
              <Action onClick={() => void send({ action: 'start-traffic' })} tone="primary">
                Start traffic (200 requests/s for 2 min)
              </Action>
            )}
            <div className="flex items-end gap-2">
              <label className="min-w-0 flex-1 text-sm font-semibold text-slate-800">
                Pause for (s)
                <input type="number" min={1} max={limits.maxPauseSeconds} value={pauseSeconds} onChange={(event) => setPauseSeconds(event.target.value)} className={INPUT} />
              </label>
              <Action onClick={() => void send({ action: 'pause', seconds: Number(pauseSeconds) })}>Pause Redis</Action>
            </div>
            <div className="flex items-end gap-2">
              <label className="min-w-0 flex-1 text-sm font-semibold text-slate-800">
                Latency per command (ms)
                <input type="number" min={0} max={limits.maxLatencyMs} value={latencyMs} onChange={(event) => setLatencyMs(event.target.value)} className={INPUT} />
              </label>
              <Action onClick={() => void send({ action: 'latency', ms: Number(latencyMs) })}>Set latency</Action>
            </div>
            <Action onClick={() => void send({ action: 'kill-connections' })}>Kill Cache Lab&apos;s connections</Action>
            {lab.data?.owned ? (
              lab.data.running ? (
                <Action onClick={() => void send({ action: 'stop' })}>Stop the lab Redis</Action>
              ) : (
                <Action onClick={() => void send({ action: 'start' })}>Start the lab Redis</Action>
              )
            ) : (
              <p className="text-sm text-slate-600">Stop/start: only for a lab Redis this app started (this one comes from LAB_REDIS_URL).</p>
            )}
            <Action onClick={() => void send({ action: 'fill-memory' })}>Fill its memory (noeviction)</Action>
            <Action onClick={() => void send({ action: 'reset' })} tone="plain">
              Undo every fault
            </Action>
            <p className="text-sm leading-relaxed text-slate-600">
              A command waits at most {formatLatency(limits.commandTimeoutMs)} (REDIS_COMMAND_TIMEOUT_MS). After 3 failures in a row the circuit opens and the cache is
              skipped for {formatLatency(limits.cooldownMs)}; then one trial request decides. Latency below the timeout only slows hits down.
            </p>
          </section>
          <div className="min-w-0 space-y-4">{traffic ? <TrafficView traffic={traffic} snapshot={lab.data!} /> : <p className="rounded-2xl border border-dashed border-slate-300 p-6 text-slate-600">Start the traffic, then break something and watch the app cope.</p>}</div>
        </div>
      )}
    </div>
  );
}

function TrafficView({ traffic, snapshot }: { traffic: TrafficSnapshot; snapshot: FailureSnapshot }) {
  const counted = traffic.counts.hit + traffic.counts.miss + traffic.counts.bypass + traffic.counts.coalesced + traffic.counts.stale;
  const openOutage = traffic.outages.find((outage) => outage.endMs === null);
  return (
    <>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Figure label="Circuit breaker" testId="breaker-state">
          <BreakerBadge state={traffic.breaker} />
        </Figure>
        <Figure label="Sent = answered + in flight">
          {formatCount(traffic.sent)} = {formatCount(traffic.answered)} + {formatCount(traffic.inFlight)}
        </Figure>
        <Figure label="hit / miss / bypass">
          {formatCount(traffic.counts.hit)} / {formatCount(traffic.counts.miss)} / {formatCount(traffic.counts.bypass)}
          <span className="block text-sm font-normal text-slate-600">{counted === traffic.answered ? 'every answer counted once' : 'counting…'}</span>
        </Figure>
        <Figure label="Now">
          {openOutage ? <span className="text-rose-700">without the cache for {formatLatency(traffic.elapsedMs - openOutage.startMs)}</span> : <span className="text-emerald-700">using Redis</span>}
          {snapshot.latencyMs > 0 && <span className="block text-sm font-normal text-slate-600">+{snapshot.latencyMs} ms per command</span>}
        </Figure>
      </div>
      <Panel title="Answers per second" subtitle={`by status, ${traffic.status === 'running' ? 'live' : traffic.status}; dashed lines: faults`}>
        <AnswersChart seconds={traffic.seconds} faults={snapshot.faults} />
      </Panel>
      <Panel title="Latency per second" subtitle="each request as the app answered it, log scale">
        <LatencyChart seconds={traffic.seconds} />
      </Panel>
      <div className="grid min-w-0 gap-4 lg:grid-cols-2">
        <Panel title="Faults and recoveries" subtitle="recovered: the first answer from Redis again; recovery: how long after the fault ended">
          <table className="w-full text-left text-sm tabular-nums" data-testid="faults-table">
            <thead className="text-slate-600">
              <tr>
                <th className="py-1 pr-2 font-semibold">at</th>
                <th className="py-1 pr-2 font-semibold">fault</th>
                <th className="py-1 pr-2 font-semibold">ended</th>
                <th className="py-1 pr-2 font-semibold">recovered</th>
                <th className="py-1 font-semibold">recovery</th>
              </tr>
            </thead>
            <tbody>
              {snapshot.faults.map((fault, index) => (
                <tr key={index} className="border-t border-slate-100 align-top">
                  <td className="py-1 pr-2">{seconds(fault.atMs)}</td>
                  <td className="py-1 pr-2">{fault.detail}</td>
                  <td className="py-1 pr-2">{seconds(fault.endedMs)}</td>
                  <td className="py-1 pr-2">{seconds(fault.recoveredMs)}</td>
                  <td className="py-1 font-semibold">{fault.recoveryMs === null ? '—' : formatLatency(fault.recoveryMs)}</td>
                </tr>
              ))}
              {snapshot.faults.length === 0 && (
                <tr>
                  <td colSpan={5} className="py-2 text-slate-600">
                    No fault yet.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </Panel>
        <Panel title="Breaker timeline" subtitle="every state change, seconds since the traffic started">
          <ol className="flex flex-wrap gap-1.5 text-sm" data-testid="breaker-timeline">
            {traffic.transitions.slice(-40).map((transition, index) => (
              <li key={index} className="flex items-center gap-1">
                <span className="tabular-nums text-slate-600">{seconds(transition.atMs)}</span> <BreakerBadge state={transition.state} />
              </li>
            ))}
          </ol>
        </Panel>
      </div>
    </>
  );
}

const seconds = (ms: number | null) => (ms === null ? '—' : `${(ms / 1000).toFixed(1)} s`);
const INPUT = 'mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base text-slate-900 shadow-sm';

function BreakerBadge({ state }: { state: BreakerState }) {
  const styles = { closed: 'bg-emerald-100 text-emerald-800', open: 'bg-rose-100 text-rose-800', 'half-open': 'bg-amber-100 text-amber-900' } as const;
  return <span className={`rounded-full px-2 py-0.5 text-sm font-semibold ${styles[state]}`}>{state}</span>;
}

function Action({ onClick, children, tone = 'fault' }: { onClick: () => void; children: React.ReactNode; tone?: 'fault' | 'primary' | 'plain' }) {
  const styles = {
    fault: 'border-rose-200 bg-rose-50 text-rose-900 hover:border-rose-400',
    primary: 'border-indigo-600 bg-indigo-600 text-white hover:bg-indigo-500',
    plain: 'border-slate-300 bg-white text-slate-800 hover:bg-slate-50',
  } as const;
  return (
    <button type="button" onClick={onClick} className={`w-full shrink-0 rounded-lg border px-3 py-2 text-left font-semibold sm:w-auto ${styles[tone]}`}>
      {children}
    </button>
  );
}

function Figure({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="min-w-0 rounded-xl border border-slate-200 bg-white p-3 shadow-sm" data-testid={testId}>
      <p className="text-sm font-semibold uppercase tracking-wide text-slate-600">{label}</p>
      <p className="mt-1 font-semibold tabular-nums text-slate-900">{children}</p>
    </div>
  );
}
