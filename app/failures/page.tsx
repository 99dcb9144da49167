import type { Metadata } from 'next';
import { PageIntro } from '@/components/page-intro';
import { FailureLab } from '@/components/labs/failure-lab';
import { env } from '@/lib/core/env';
import { connection } from 'next/server';

export const metadata: Metadata = { title: 'Failure lab' };

export default async function FailuresPage() {
  // Settings are read at request time (cacheComponents would otherwise bake them in at build).
  await connection();
  const limits = {
    maxPauseSeconds: env.LAB_MAX_PAUSE_SECONDS,
    maxLatencyMs: env.LAB_MAX_LATENCY_MS,
    commandTimeoutMs: env.REDIS_COMMAND_TIMEOUT_MS,
    cooldownMs: env.REDIS_BREAKER_COOLDOWN_MS,
  };
  return (
    <>
      <PageIntro eyebrow="Failure lab" title="Break the cache, keep the app up">
        <p>
          Simulated users send a steady stream of requests through Cache Lab&apos;s engine to a lab Redis. Pause it, cut its connections, stop it, slow it
          down or fill its memory, and watch what the app does: the circuit breaker opens, requests are computed without the cache (<strong>bypass</strong>),
          and once Redis answers again the app goes back to it by itself. Nothing here touches the Redis the other pages use.
        </p>
      </PageIntro>
      <FailureLab limits={limits} />
    </>
  );
}
