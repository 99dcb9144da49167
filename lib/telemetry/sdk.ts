import 'server-only';
import { trace } from '@opentelemetry/api';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, type SpanExporter } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { installTracing } from '../cache/tracing';
import { env } from '../core/env';
import { OtelEngineTracing } from './engine-tracing';
import { nameScriptSpan, queryText } from './redis-spans';
import { OutlivedParentSampler } from './sampler';

/** The tracer the engine's spans come from (Next's own spans come from its tracer `next.js`). */
export const TRACER_NAME = 'cache-lab';

/**
 * The Node SDK's tracer provider, registered globally (so Next's own spans — the route span
 * `GET /api/username/[username]` — and an incoming `traceparent` go through it), a batch
 * processor to one OTLP/HTTP exporter, and the ioredis instrumentation. The exporters read the
 * standard endpoint variables themselves (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as given, else
 * OTEL_EXPORTER_OTLP_ENDPOINT + `/v1/traces`), and their headers, timeouts and certificates.
 */
export async function startTracing(protocol: 'http/protobuf' | 'http/json'): Promise<void> {
  const exporter = await otlpExporter(protocol);
  const provider = tracerProvider(exporter);
  // Patches ioredis as it is required next (lib/core/redis is imported after this): each command
  // sent inside a span becomes its child; commands outside any span (start-up, timers) make none.
  registerInstrumentations({ tracerProvider: provider, instrumentations: [ioredisInstrumentation()] });
  installTracing(engineTracing());
  // What is still in the batch goes out before the process ends (next start's own handler exits right after).
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void provider.shutdown());
  console.log(`[cachelab] traces: OTLP ${protocol} every ${env.OTEL_BSP_SCHEDULE_DELAY} ms at most`);
}

/** `url` unset: the standard variables decide (the app); the bench passes its local receiver. */
export async function otlpExporter(protocol: 'http/protobuf' | 'http/json', url?: string): Promise<SpanExporter> {
  const config = url === undefined ? {} : { url };
  return protocol === 'http/json'
    ? new (await import('@opentelemetry/exporter-trace-otlp-http')).OTLPTraceExporter(config)
    : new (await import('@opentelemetry/exporter-trace-otlp-proto')).OTLPTraceExporter(config);
}

/** Registered globally: the AsyncLocalStorage context manager and the W3C trace-context + baggage propagators. */
export function tracerProvider(exporter: SpanExporter): NodeTracerProvider {
  const provider = new NodeTracerProvider({
    // OTEL_RESOURCE_ATTRIBUTES (and OTEL_SERVICE_NAME) on top: e.g. one `service.instance.id` per app instance.
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: env.OTEL_SERVICE_NAME }).merge(detectResources({ detectors: [envDetector] })),
    sampler: new OutlivedParentSampler(),
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: env.OTEL_BSP_SCHEDULE_DELAY })],
  });
  provider.register();
  return provider;
}

export const ioredisInstrumentation = () => new IORedisInstrumentation({ requireParentSpan: true, requestHook: nameScriptSpan, dbStatementSerializer: queryText });

export const engineTracing = () => new OtelEngineTracing(trace.getTracer(TRACER_NAME));
