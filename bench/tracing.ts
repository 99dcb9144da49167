import Redis from 'ioredis';
import { installTracing } from '../lib/cache/tracing';
import { startOtlpReceiver } from '../lib/testing/otlp-receiver';
import { bareGet, engineHit, type HitContestant } from './hit-contestants';
import { interleave, type BlockSamples } from './interleave';
import type { BenchOptions } from './options';
import { ratioOf, summarise, type Ratio } from './stats';

export interface TracingRow {
  name: string;
  p50Us: number;
  p99Us: number;
  /** p50 over the bare GET's p50 of the same pass, per block. */
  vsGet: Ratio;
}

export interface TracingResult {
  iterations: number;
  blocks: number;
  rows: TracingRow[];
  /** "Tracing off" over "without the SDK loaded": each one's median × GET, one over the other. */
  offOverUnloaded: number;
  /** "Tracing on" p50 over "tracing off" p50, per block. */
  onOverOff: Ratio;
  /** Spans the local receiver got from the "tracing on" runs (a lookup span and its GET per hit). */
  spansExported: number;
}

export const UNLOADED = 'engine hit, without the SDK loaded';
export const OFF = 'engine hit, tracing off';
export const ON = 'engine hit, tracing on (batch exporter to a local receiver)';
const GET = 'bare GET (the limit)';

/**
 * Section 7: what tracing costs a hit. Two interleaved passes, each against its own bare GET:
 * first the engine hit before anything of the OpenTelemetry SDK is loaded (the process as it
 * runs with no endpoint); then, with the SDK loaded and its provider registered, the hit with
 * tracing off (the port empty, ioredis unpatched) beside the hit with tracing on (the engine's
 * spans and the ioredis instrumentation, a batch processor exporting OTLP/protobuf to a receiver
 * on loopback). Tracing is switched on and off around each "on" run, outside the clock.
 */
export async function measureTracing(options: BenchOptions): Promise<TracingResult> {
  const loadedEarly = Object.keys(require.cache).filter((path) => path.includes('@opentelemetry/sdk-trace'));
  if (loadedEarly.length > 0) throw new Error(`the OpenTelemetry SDK was loaded before the tracing section: ${loadedEarly[0]}`);
  const get = bareGet(options.redisUrl);
  const engine = await engineHit();
  const receiver = await startOtlpReceiver();
  try {
    await get.run();
    const unloaded = await interleave([get, { ...engine, name: UNLOADED }], options.hitPath);

    const sdk = await import('../lib/telemetry/sdk');
    const provider = sdk.tracerProvider(await sdk.otlpExporter('http/protobuf', `${receiver.url}/v1/traces`));
    const instrumentation = sdk.ioredisInstrumentation();
    instrumentation.setTracerProvider(provider);
    // ioredis is loaded already: patch its prototype by hand for the "on" runs, as the require hook does in the app.
    const [ioredis] = instrumentation.getModuleDefinitions();
    const tracing = sdk.engineTracing();
    const on: HitContestant = {
      ...engine,
      name: ON,
      enter: () => {
        ioredis?.patch?.(Redis, '5');
        installTracing(tracing);
      },
      leave: () => {
        installTracing(null);
        ioredis?.unpatch?.(Redis, '5');
      },
    };
    const traced = await interleave([get, { ...engine, name: OFF }, on], options.hitPath);
    await provider.forceFlush();
    await provider.shutdown();

    const rows = [...rowsOf(unloaded, [UNLOADED]), ...rowsOf(traced, [OFF, ON])];
    const byName = new Map(rows.map((row) => [row.name, row]));
    const offBlocks = (traced.get(OFF) ?? []).map((block) => summarise(block).p50);
    const onBlocks = (traced.get(ON) ?? []).map((block) => summarise(block).p50);
    return {
      iterations: options.hitPath.blocks * options.hitPath.perBlock,
      blocks: options.hitPath.blocks,
      rows,
      offOverUnloaded: byName.get(OFF)!.vsGet.median / byName.get(UNLOADED)!.vsGet.median,
      onOverOff: ratioOf(onBlocks.map((p50, index) => p50 / (offBlocks[index] ?? Number.NaN))),
      spansExported: receiver.spans.length,
    };
  } finally {
    installTracing(null);
    await get.close();
    await receiver.close();
  }
}

function rowsOf(samples: BlockSamples, names: readonly string[]): TracingRow[] {
  const getBlocks = samples.get(GET) ?? [];
  return names.map((name) => {
    const blocks = samples.get(name) ?? [];
    const overall = summarise(blocks.flat());
    return {
      name,
      p50Us: overall.p50,
      p99Us: overall.p99,
      vsGet: ratioOf(blocks.map((block, index) => summarise(block).p50 / summarise(getBlocks[index] ?? []).p50)),
    };
  });
}
