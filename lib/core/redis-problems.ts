import 'server-only';
import { env } from './env';
import { processWide } from './process-wide';

/**
 * Cache commands that failed although the connection may be fine — CROSSSLOT, OOM, READONLY, a
 * script that cannot load, metric flushes that did not land — and a configuration that cannot
 * work (a cluster node given as a plain REDIS_URL). Requests fail open on these, so without this
 * record nothing on screen would say the cache is not working; /api/health reads it.
 */
export type ProblemCode = 'cluster_url' | 'crossslot' | 'out_of_memory' | 'read_only' | 'script' | 'refused' | 'metrics_flush' | 'next_invalidation';

export interface Problem {
  code: ProblemCode;
  /** What Redis said, without keys or arguments. */
  message: string;
  /** Failures of this kind since the process started. */
  count: number;
  lastAt: number;
  /** Set for configuration problems: they hold until the process restarts. */
  permanent: boolean;
}

const problems = processWide('redis.problems', () => new Map<ProblemCode, Problem>());

export function recordProblem(code: ProblemCode, message: string, permanent = false): void {
  const known = problems().get(code);
  problems().set(code, { code, message: message.slice(0, 300), count: (known?.count ?? 0) + 1, lastAt: Date.now(), permanent: permanent || (known?.permanent ?? false) });
}

/** The operation works again (a metrics flush landed): its problem is over, whatever the window says. */
export function resolveProblem(code: ProblemCode): void {
  const known = problems().get(code);
  if (known && !known.permanent) problems().delete(code);
}

/** An error reply, sorted by what it means for the cache. */
export function problemCodeOf(message: string): ProblemCode {
  if (message.startsWith('CROSSSLOT')) return 'crossslot';
  if (message.startsWith('OOM')) return 'out_of_memory';
  if (message.startsWith('READONLY')) return 'read_only';
  if (message.startsWith('NOSCRIPT') || message.startsWith('ERR Error compiling script') || message.includes('user_script')) return 'script';
  return 'refused';
}

/** Problems seen within HEALTH_ERROR_WINDOW_SECONDS, and the permanent ones. */
export function currentProblems(now = Date.now()): Problem[] {
  const since = now - env.HEALTH_ERROR_WINDOW_SECONDS * 1000;
  return [...problems().values()].filter((problem) => problem.permanent || problem.lastAt >= since);
}

/** Tests: forget what earlier tests provoked. */
export function clearProblems(): void {
  problems().clear();
}
