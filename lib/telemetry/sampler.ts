import 'server-only';
import { trace, type Attributes, type Context, type Link, type SpanKind } from '@opentelemetry/api';
import { ParentBasedSampler, AlwaysOnSampler, SamplingDecision, type Sampler, type SamplingResult } from '@opentelemetry/sdk-trace-node';

/**
 * Parent-based, always on at the root — the SDK's default — with one rule more: a span whose
 * local parent has already ended is not recorded. Such spans are work that outlived its request
 * and inherited its context through a timer: the recorder's metric flush, a keyspace batch, a
 * strategy refresh scheduled while some request was running. Exported, they would hang under
 * that request (a hit with three Redis commands it never sent). Work that really belongs to a
 * request after its answer (an swr refresh) starts a trace of its own, linked to the request.
 */
export class OutlivedParentSampler implements Sampler {
  private readonly inner = new ParentBasedSampler({ root: new AlwaysOnSampler() });

  shouldSample(context: Context, traceId: string, name: string, kind: SpanKind, attributes: Attributes, links: Link[]): SamplingResult {
    const parent = trace.getSpan(context);
    if (parent !== undefined && !parent.spanContext().isRemote && !parent.isRecording()) return { decision: SamplingDecision.NOT_RECORD };
    return this.inner.shouldSample(context, traceId, name, kind, attributes, links);
  }

  toString(): string {
    return 'OutlivedParentSampler{ParentBased{root=AlwaysOn}}';
  }
}
