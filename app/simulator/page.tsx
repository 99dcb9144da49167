import type { Metadata } from 'next';
import { PageIntro } from '@/components/page-intro';
import { SimulatorLab } from '@/components/simulator/simulator-lab';
import { NearStatus } from '@/components/simulator/near-status';
import { StrategyPicker } from '@/components/simulator/strategy-picker';
import { env } from '@/lib/core/env';
import { formatSpan } from '@/lib/shared/format';
import { SCENARIOS } from '@/lib/scenarios/registry';
import { simulatedScenarios } from '@/lib/features/simulator/manager';
import { connection } from 'next/server';

export const metadata: Metadata = { title: 'Traffic simulator' };

export default async function SimulatorPage() {
  // Settings are read at request time (cacheComponents would otherwise bake them in at build).
  await connection();
  const scenarios = simulatedScenarios().map(({ id, title, sampleSize }) => ({ id, title, sampleSize: sampleSize ?? null }));
  const limits = {
    maxDurationSeconds: env.SIMULATOR_MAX_DURATION_SECONDS,
    maxRequests: env.SIMULATOR_MAX_REQUESTS,
    maxUsers: env.SIMULATOR_MAX_USERS,
    maxRps: env.SIMULATOR_MAX_RPS,
    maxInputs: env.SIMULATOR_MAX_INPUTS,
  };
  return (
    <>
      <PageIntro eyebrow="Traffic simulator" title="Watch a hit ratio emerge">
        <p>
          Send a crowd of virtual users at a scenario and watch the cache warm up. Their requests go through the same Redis cache and the same metrics
          as real ones, marked as simulated traffic. Each run starts cold: the entries it will ask for are deleted first.
          One run at a time <em>per app server</em>: with several instances behind a load balancer, each can run one, and a run
          is watched and cancelled on the instance that started it.
        </p>
        <p>
          Real traffic is skewed: a few inputs are asked for all the time and most are rare. A <strong>Zipf</strong> distribution models that, and the
          higher its exponent s, the sooner the hit ratio climbs. Each virtual user acts like a separate app server, so a cache-aside miss is not shared
          between users.
        </p>
      </PageIntro>

      <SimulatorLab scenarios={scenarios} limits={limits} />

      <section aria-labelledby="strategies" className="mt-10">
        <h2 id="strategies" className="text-sm font-semibold uppercase tracking-wide text-slate-600">
          Stampedes, locks and stale values
        </h2>
        <div className="mt-3 grid gap-3 md:grid-cols-2 xl:grid-cols-4">
          <Explainer title="The stampede (cache-aside)">
            When a popular entry is missing, every request that arrives before it is stored misses too, and each one runs the expensive work. Two
            hundred users asking for one cold key means two hundred computations at once. That is the hot-key burst above, without protection.
          </Explainer>
          <Explainer title="Stampede protection (lock)">
            The first miss takes a short Redis lock (<code className="font-mono">SET NX PX</code> with a random token) and computes. Everyone else, on
            any app server, checks for the stored value every {roughly(env.CACHE_LOCK_POLL_MS)}, then less often (up to every{' '}
            {roughly(env.CACHE_LOCK_POLL_MS * 4)}). The lock expires after{' '}
            {roughly(env.CACHE_LOCK_TTL_MS)} in case its holder dies, and a failing computation releases it at once. A waiter gives up after{' '}
            {roughly(env.CACHE_LOCK_WAIT_MS)} and computes the value itself.
          </Explainer>
          <Explainer title="Stale-while-revalidate (swr)">
            Redis keeps an entry for {roughly(env.CACHE_SWR_GRACE_SECONDS * 1000)} after it expires. During that grace period, requests still get
            the old value at once (status <strong>stale</strong>) while a single request, holding the lock, recomputes it in the background. Nobody waits
            for the work. We chose a grace period over early probabilistic refresh (XFetch) because you can see it happen: each stale answer is
            labelled, and the refresh is counted.
          </Explainer>
          <Explainer title="A copy in memory (near)" footer={<NearStatus />}>
            Cache-aside with a copy of each fresh value in the app server&rsquo;s own memory (up to {env.NEAR_CACHE_MAX_ENTRIES.toLocaleString('en-US')}{' '}
            entries): a repeat is answered without asking Redis (status <strong>near-hit</strong>). Redis remembers which keys each server holds
            (<code className="font-mono">CLIENT TRACKING</code>) and tells it the moment anyone changes one, so the copy is dropped at once; if that
            connection breaks, the whole copy is dropped until it is back. The simulator&rsquo;s virtual users share one server, so they share its copy.
          </Explainer>
        </div>
        <div className="mt-4 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm">
          <h3 className="font-semibold text-slate-900">Strategy for real traffic</h3>
          <p className="text-sm text-slate-600">
            Stored in Redis; every app server re-reads it {env.STRATEGY_REFRESH_MS < 1000 ? `every ${env.STRATEGY_REFRESH_MS} ms` : 'every second'}, so
            all follow a switch within that. Each response shows it in <code className="font-mono">cache.strategy</code>. A run
            above uses the strategy chosen in its own form.
          </p>
          <StrategyPicker scenarios={SCENARIOS.map(({ id, title }) => ({ id, title }))} />
        </div>
      </section>
    </>
  );
}

/** A setting in words: "25 ms", "15 s", "10 min". */
function roughly(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  return ms < 60_000 ? `${Math.round(ms / 100) / 10} s` : formatSpan(ms);
}

/** `footer`: live state under the explanation (kept out of its paragraph: it may hold paragraphs of its own). */
function Explainer({ title, children, footer }: { title: string; children: React.ReactNode; footer?: React.ReactNode }) {
  return (
    <article className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm">
      <h3 className="font-bold text-slate-900">{title}</h3>
      <p className="mt-1 text-sm leading-relaxed text-slate-700">{children}</p>
      {footer}
    </article>
  );
}
