import 'server-only';
import { env } from '../core/env';

/** Where spans go, or null: tracing is off (no endpoint, or OTEL_SDK_DISABLED). */
export function tracesTarget(settings = env): { protocol: 'http/protobuf' | 'http/json' } | null {
  if (settings.OTEL_SDK_DISABLED) return null;
  if (settings.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT === undefined && settings.OTEL_EXPORTER_OTLP_ENDPOINT === undefined) return null;
  return { protocol: settings.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? settings.OTEL_EXPORTER_OTLP_PROTOCOL };
}

/**
 * Called first thing at start-up (instrumentation.ts), before anything loads ioredis, so the
 * ioredis instrumentation can patch it. With no endpoint nothing is imported: the SDK, the
 * exporters and the instrumentations stay unloaded and the engine's tracing port stays null.
 */
export async function startTelemetry(): Promise<void> {
  const target = tracesTarget();
  if (target === null) return;
  const { startTracing } = await import('./sdk');
  await startTracing(target.protocol);
}
