import 'server-only';
import { listenToCache } from '../features/keylife/recorder';

/**
 * The composition root: features that watch the cache register their observers here, once per
 * process (instrumentation.ts at start-up; tests and the bench that drive the engine in process).
 * The engine itself imports no feature.
 */
export function wireFeatures(): void {
  listenToCache();
}
