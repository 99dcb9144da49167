import { context, trace, TraceFlags } from '@opentelemetry/api';
import { BasicTracerProvider, SamplingDecision } from '@opentelemetry/sdk-trace-node';
import { describe, expect, it } from 'vitest';
import { envSchema } from '../core/env';
import { parseTraceparent, traceparentOf } from './engine-tracing';
import { tracesTarget } from './index';
import { queryText } from './redis-spans';
import { OutlivedParentSampler } from './sampler';

const settings = (values: Record<string, string>) => envSchema.parse(values);

describe('tracesTarget: is tracing on, and in which encoding', () => {
  it('is off with no endpoint, or with OTEL_SDK_DISABLED', () => {
    expect(tracesTarget(settings({}))).toBeNull();
    expect(tracesTarget(settings({ OTEL_EXPORTER_OTLP_ENDPOINT: '' }))).toBeNull();
    expect(tracesTarget(settings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_SDK_DISABLED: 'true' }))).toBeNull();
  });

  it('is on with either endpoint; protobuf unless told, the traces-only protocol winning', () => {
    expect(tracesTarget(settings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }))).toEqual({ protocol: 'http/protobuf' });
    expect(tracesTarget(settings({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c/v1/traces', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }))).toEqual({ protocol: 'http/json' });
    expect(tracesTarget(settings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf' }))).toEqual({ protocol: 'http/protobuf' });
  });

  it('refuses what it cannot honour: gRPC, a non-HTTP endpoint, a trace UI without {traceId}', () => {
    expect(envSchema.safeParse({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }).success).toBe(false);
    expect(envSchema.safeParse({ OTEL_EXPORTER_OTLP_ENDPOINT: 'localhost:4318' }).success).toBe(false);
    expect(envSchema.safeParse({ TRACE_UI_URL: 'http://localhost:16686/trace/' }).success).toBe(false);
    expect(envSchema.safeParse({ TRACE_UI_URL: 'http://localhost:16686/trace/{traceId}' }).success).toBe(true);
  });
});

describe('OutlivedParentSampler', () => {
  const sampler = new OutlivedParentSampler();
  const tracer = new BasicTracerProvider().getTracer('test');
  const decide = (parent: ReturnType<typeof tracer.startSpan> | undefined) =>
    sampler.shouldSample(parent ? trace.setSpan(context.active(), parent) : context.active(), 'a'.repeat(32), 'child', 0, {}, []).decision;

  it('records a root span and the child of an open span', () => {
    expect(decide(undefined)).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decide(tracer.startSpan('open'))).toBe(SamplingDecision.RECORD_AND_SAMPLED);
  });

  it('drops a span whose local parent has ended: work that outlived its request through a timer', () => {
    const ended = tracer.startSpan('answered');
    ended.end();
    expect(decide(ended)).toBe(SamplingDecision.NOT_RECORD);
  });

  it('follows a remote parent (an incoming traceparent) by its sampled flag', () => {
    const remote = (traceFlags: number) => trace.wrapSpanContext({ traceId: 'b'.repeat(32), spanId: 'c'.repeat(16), traceFlags, isRemote: true });
    expect(decide(remote(TraceFlags.SAMPLED))).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decide(remote(TraceFlags.NONE))).toBe(SamplingDecision.NOT_RECORD);
  });
});

describe('the lock token as a traceparent', () => {
  it('round-trips a span context; a plain UUID token is no span', () => {
    const span = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.SAMPLED };
    expect(traceparentOf(span)).toBe('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
    expect(parseTraceparent(traceparentOf(span))).toEqual({ ...span, isRemote: true });
    expect(parseTraceparent('6f1c2a4e-3b0d-4a7e-9c55-1f2e3d4c5b6a')).toBeNull();
    expect(parseTraceparent(`00-${'0'.repeat(32)}-00f067aa0ba902b7-01`), 'an all-zero trace id is invalid').toBeNull();
  });
});

describe('queryText: Redis commands without their values', () => {
  it('keeps a GET whole and an EVALSHA to its script and keys', () => {
    expect(queryText('get', ['cachelab:expensive_function:ada'])).toBe('get cachelab:expensive_function:ada');
    expect(queryText('evalsha', ['70b5', '2', 'entry', 'lock', '{"v":"a cached value"}', 'PX', '1000', 'token'])).toBe('evalsha 70b5 2 entry lock [4 other arguments]');
    expect(queryText('set', ['key', 'secret value', 'PX', '10'])).toBe('set key [3 other arguments]');
  });
});
