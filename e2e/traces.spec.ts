import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../lib/testing/otlp-receiver';
import { waterfallHtml } from '../lib/testing/trace-waterfall';
import { freePort } from '../lib/testing/redis-server';
import { OwnRedisCluster } from '../lib/testing/cluster';
import { ownPrefix, startNextApp, type NextApp } from './own-app';

/**
 * OpenTelemetry traces from the built app (`next start`) to an OTLP/HTTP receiver this test
 * starts: what a miss, a hit, a stampede and an incoming `traceparent` look like once exported,
 * in both encodings; and, with no endpoint set, that nothing is loaded and nothing is sent.
 */

const REDIS_URL = process.env.E2E_REDIS_URL ?? 'redis://127.0.0.1:6379/10';
const PRELOAD = path.resolve('e2e/fixtures/record-loads.mjs');
const COMPUTE_MS = 400;
const TRACE_UI_URL = 'http://127.0.0.1:16686/trace/{traceId}';

/** The app, with the preload that records which OpenTelemetry SDK modules it requires. */
async function tracedApp(env: Record<string, string>): Promise<{ app: NextApp; loaded: () => string[] }> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'cachelab-otel-')), 'loaded.txt');
  writeFileSync(file, '');
  const app = await startNextApp({
    REDIS_URL,
    USERNAME_DELAY_MS: String(COMPUTE_MS),
    LOADED_MODULES_FILE: file,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${PRELOAD}`.trim(),
    ...env,
  });
  return { app, loaded: () => readFileSync(file, 'utf8').split('\n').filter(Boolean) };
}

/** The `traceparent` a response names in Server-Timing (`traceparent;desc="00-…"`). */
function traceparentOf(response: Response): { traceId: string; spanId: string } | null {
  const match = /traceparent;desc="00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}"/.exec(response.headers.get('server-timing') ?? '');
  return match ? { traceId: match[1]!, spanId: match[2]! } : null;
}

const ofTrace = (spans: ReceivedSpan[], traceId: string) => spans.filter((span) => span.traceId === traceId);
const childrenOf = (spans: ReceivedSpan[], parent: ReceivedSpan) => spans.filter((span) => span.parentSpanId === parent.spanId);
const isRedis = (span: ReceivedSpan) => span.attributes['db.system.name'] === 'redis';

/** Every span of one request's trace, once its root (Next's route span) has arrived. */
async function traceOf(receiver: OtlpReceiver, traceId: string): Promise<ReceivedSpan[]> {
  const spans = await receiver.waitFor((all) => ofTrace(all, traceId).some((span) => span.kind === 2 && span.name.startsWith('GET ')));
  return ofTrace(spans, traceId);
}

function single(spans: ReceivedSpan[], name: string): ReceivedSpan {
  const found = spans.filter((span) => span.name === name);
  expect(found.map((span) => span.name), `exactly one ${name} span`).toEqual([name]);
  return found[0]!;
}

/** Walks up from `span` to the root: the names on the way. */
function ancestry(spans: ReceivedSpan[], span: ReceivedSpan): string[] {
  const names: string[] = [];
  for (let at: ReceivedSpan | undefined = span; at; at = spans.find((candidate) => candidate.spanId === at!.parentSpanId)) names.push(at.name);
  return names;
}

const MS = 1_000_000n;
const word = () => `otel${randomBytes(4).toString('hex')}`;

test.describe('traces over OTLP/HTTP JSON', () => {
  test.describe.configure({ mode: 'serial' });
  let receiver: OtlpReceiver;
  let traced: Awaited<ReturnType<typeof tracedApp>>;

  test.beforeAll(async () => {
    receiver = await startOtlpReceiver();
    traced = await tracedApp({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_BSP_SCHEDULE_DELAY: '100', TRACE_UI_URL });
  });
  test.afterAll(async () => {
    await traced?.app.stop();
    await receiver?.close();
  });

  test('a miss: route span → cache span (miss) → compute span and the store script that SETs the entry; then a hit with one Redis GET', async ({ page }) => {
    // The process' first lookup also opens the strategy watcher's connection (its commands are in that trace, truly
    // that request's): the miss looked at here is a steady-state one.
    await fetch(`${traced.app.url}/api/username/${word()}`);
    const url = `${traced.app.url}/api/username/${word()}`;
    const miss = await fetch(url);
    expect(miss.headers.get('x-cache')).toBe('MISS');
    const missParent = traceparentOf(miss);
    expect(missParent, 'Server-Timing names the trace').not.toBeNull();

    const spans = await traceOf(receiver, missParent!.traceId);
    const lookup = single(spans, 'cache.lookup');
    expect(lookup.attributes).toMatchObject({ 'cache.status': 'miss', 'cache.scenario': 'username', 'cache.strategy': 'cache-aside', 'cache.key': expect.stringContaining('expensive_function:') });
    expect(lookup.attributes['cache.ttl_s']).toBeGreaterThan(86_000);
    // Next's own spans above it, the route span at the root: the response's trace is the exported one.
    const chain = ancestry(spans, lookup);
    expect(chain[0]).toBe('cache.lookup');
    expect(chain.at(-1)).toBe('GET /api/username/[username]');
    const root = spans.find((span) => span.parentSpanId === '')!;
    expect(root.kind, 'the route span is a SERVER span').toBe(2);
    expect(root.resource['service.name']).toBe('cache-lab');

    const children = childrenOf(spans, lookup);
    const compute = children.filter((span) => span.name === 'cache.compute');
    expect(compute).toHaveLength(1);
    expect(Number(compute[0]!.endNs - compute[0]!.startNs) / 1e6).toBeGreaterThanOrEqual(COMPUTE_MS - 5);
    const store = children.filter((span) => span.attributes['db.stored_procedure.name'] === 'cachelabStore');
    expect(store.map((span) => span.name)).toEqual(['EVALSHA cachelabStore']);
    expect(store[0]!.attributes['cachelab.script.runs']).toMatch(/^SET entry value PX/);
    // The query text names the keys, never the value stored.
    expect(store[0]!.attributes['db.query.text']).toBe(`evalsha ${store[0]!.attributes['db.query.text']!.toString().split(' ')[1]} 2 ${lookup.attributes['cache.key']} ${String(lookup.attributes['cache.key']).replace('expensive_function:', '_lock:expensive_function:')} [4 other arguments]`);
    expect(store[0]!.kind, 'Redis commands are CLIENT spans').toBe(3);
    // The lookup's GET came first, and the store after the computation (to the millisecond: spans' clocks differ in precision).
    const get = children.filter((span) => isRedis(span) && span.attributes['db.operation.name'] === 'get');
    expect(get).toHaveLength(1);
    expect(get[0]!.endNs).toBeLessThanOrEqual(compute[0]!.startNs + MS);
    expect(store[0]!.startNs).toBeGreaterThanOrEqual(compute[0]!.endNs - MS);
    // The exported miss, drawn as a trace UI would (docs/observability.md "Traces" shows this picture).
    await page.setViewportSize({ width: 1440, height: 200 });
    await page.setContent(waterfallHtml(spans, 'A miss: GET /api/username/<name>, exported over OTLP/HTTP'));
    await page.screenshot({ path: test.info().outputPath('miss-trace.png'), fullPage: true });

    const hit = await fetch(url);
    expect(hit.headers.get('x-cache')).toBe('HIT');
    const hitParent = traceparentOf(hit);
    const hitSpans = await traceOf(receiver, hitParent!.traceId);
    const hitLookup = single(hitSpans, 'cache.lookup');
    expect(hitLookup.attributes['cache.status']).toBe('hit');
    const hitChildren = childrenOf(hitSpans, hitLookup);
    expect(hitChildren.map((span) => [span.name, span.attributes['db.system.name'], span.attributes['db.operation.name']])).toEqual([['get', 'redis', 'get']]);
    expect(hitChildren[0]!.attributes['db.query.text']).toBe(`get ${hitLookup.attributes['cache.key']}`);
  });

  test('an incoming traceparent is continued: the route span is its child, the response names the same trace', async () => {
    const traceId = randomBytes(16).toString('hex');
    const parentId = randomBytes(8).toString('hex');
    const response = await fetch(`${traced.app.url}/api/username/${word()}`, { headers: { traceparent: `00-${traceId}-${parentId}-01` } });
    expect(response.status).toBe(200);
    expect(traceparentOf(response)?.traceId).toBe(traceId);
    const spans = await traceOf(receiver, traceId);
    const route = spans.find((span) => span.kind === 2)!;
    expect(route.name).toBe('GET /api/username/[username]');
    expect(route.parentSpanId).toBe(parentId);
    expect(single(spans, 'cache.lookup').attributes['cache.status']).toBe('miss');
  });

  test('a stampede under the lock strategy: 20 cold requests, one compute span; the others wait, linked to the request that computes', async () => {
    const set = await fetch(`${traced.app.url}/api/scenarios/username/strategy`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ strategy: 'lock' }) });
    expect(set.status).toBe(200);
    try {
      // The instance follows the setting through client tracking, within milliseconds: wait until its answers say so.
      const probe = `${traced.app.url}/api/username/${word()}`;
      await expect.poll(async () => (await fetch(probe)).headers.get('x-cache-strategy'), { timeout: 10_000 }).toBe('lock');
      const url = `${traced.app.url}/api/username/${word()}`;
      const responses = await Promise.all(Array.from({ length: 20 }, () => fetch(url)));
      const traceIds = responses.map((response) => traceparentOf(response)?.traceId);
      expect(new Set(traceIds).size, 'one trace per request').toBe(20);
      const spans = await receiver.waitFor((all) => all.filter((span) => span.name === 'cache.lookup' && traceIds.includes(span.traceId)).length === 20);
      const ours = spans.filter((span) => traceIds.includes(span.traceId));
      const lookups = ours.filter((span) => span.name === 'cache.lookup');
      expect(ours.filter((span) => span.name === 'cache.compute'), 'computations').toHaveLength(1);
      const leader = lookups.filter((span) => span.attributes['cache.status'] === 'miss');
      expect(leader).toHaveLength(1);
      expect(leader[0]!.attributes['cache.strategy']).toBe('lock');
      const waiters = lookups.filter((span) => span.attributes['cache.status'] === 'coalesced');
      expect(waiters).toHaveLength(19);
      for (const waiter of waiters) {
        const waits = childrenOf(ours, waiter).filter((span) => span.name === 'cache.wait');
        expect(waits, 'one wait span per waiting request').toHaveLength(1);
        expect(waits[0]!.links.map((link) => [link.traceId, link.spanId]), 'linked to the computing request').toEqual([[leader[0]!.traceId, leader[0]!.spanId]]);
      }
    } finally {
      await fetch(`${traced.app.url}/api/scenarios/username/strategy`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ strategy: 'cache-aside' }) });
    }
  });

  test('a simulator run is one span with its parameters; its requests make none of their own', async () => {
    const started = await fetch(`${traced.app.url}/api/simulations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenario: 'username', distribution: 'uniform', inputs: 5, users: 2, rps: 10, durationSeconds: 1, computeDelayMs: 0, seed: 7 }),
    });
    expect(started.status).toBe(202);
    const traceId = traceparentOf(started)!.traceId;
    const spans = await receiver.waitFor((all) => ofTrace(all, traceId).some((span) => span.name === 'simulator.run'), 20_000);
    const run = single(ofTrace(spans, traceId), 'simulator.run');
    expect(run.attributes).toMatchObject({ 'simulator.run.scenario': 'username', 'simulator.run.rps': 10, 'simulator.run.users': 2, 'simulator.run.durationSeconds': 1, 'simulator.run.seed': 7 });
    expect(Number(run.endNs - run.startNs) / 1e6).toBeGreaterThanOrEqual(900);
    expect(ofTrace(spans, traceId).filter((span) => span.name === 'cache.lookup')).toEqual([]);
  });

  test('a failure-lab action is one span with its parameters, its commands to the lab Redis under it', async () => {
    const act = (body: object) => fetch(`${traced.app.url}/api/labs/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const latency = await act({ action: 'latency', ms: 50 });
    expect(latency.status).toBe(200);
    const kill = await act({ action: 'kill-connections' });
    expect(kill.status).toBe(200);
    await act({ action: 'reset' });
    const [latencyTrace, killTrace] = [traceparentOf(latency)!.traceId, traceparentOf(kill)!.traceId];
    const spans = await receiver.waitFor((all) => ['failure-lab.latency', 'failure-lab.kill-connections'].every((name) => all.some((span) => span.name === name)));
    expect(single(ofTrace(spans, latencyTrace), 'failure-lab.latency').attributes).toMatchObject({ 'failure-lab.latency.action': 'latency', 'failure-lab.latency.ms': 50 });
    const killed = single(ofTrace(spans, killTrace), 'failure-lab.kill-connections');
    expect(childrenOf(spans, killed).filter(isRedis).map((span) => String(span.attributes['db.operation.name']).toLowerCase())).toContain('client');
  });

  test('an eviction-lab run is one span with its parameters', async () => {
    const started = await fetch(`${traced.app.url}/api/labs/eviction`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ policies: ['allkeys-lru'], capacity: 10, inputs: 50, rps: 50, durationSeconds: 1, users: 2, seed: 3 }),
    });
    expect(started.status).toBe(202);
    const traceId = traceparentOf(started)!.traceId;
    const spans = await receiver.waitFor((all) => ofTrace(all, traceId).some((span) => span.name === 'eviction-lab.run'), 30_000);
    expect(single(ofTrace(spans, traceId), 'eviction-lab.run').attributes).toMatchObject({
      'eviction-lab.run.policies': 'allkeys-lru',
      'eviction-lab.run.capacity': 10,
      'eviction-lab.run.rps': 50,
      'eviction-lab.run.seed': 3,
    });
  });

  test('the dashboard recent requests show each trace id, linked to TRACE_UI_URL', async ({ page }) => {
    const name = word();
    const response = await fetch(`${traced.app.url}/api/username/${name}`);
    const { traceId } = traceparentOf(response)!;
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${traced.app.url}/dashboard`);
      const row = page.getByTestId('recent-requests').locator('li', { hasText: name });
      // One in the row's second line on a phone, one in its own column wider up: the one shown.
      const link = row.getByTestId('trace-id').filter({ visible: true });
      await expect(link).toHaveText(`trace ${traceId.slice(0, 8)}`);
      await expect(link).toHaveAttribute('href', TRACE_UI_URL.replace('{traceId}', traceId));
      await expect(link).toHaveAttribute('title', `OpenTelemetry trace ${traceId}`);
      await row.scrollIntoViewIfNeeded();
      await page.getByTestId('recent-requests').screenshot({ path: test.info().outputPath(`recent-requests-${width}.png`) });
    }
  });

  test('the SDK is loaded when an endpoint is set (what the check below relies on)', () => {
    expect(traced.loaded().some((name) => name.includes('@opentelemetry/sdk-trace-node'))).toBe(true);
  });
});

test('traces over OTLP/HTTP protobuf (the default encoding) decode to the same miss', async () => {
  const receiver = await startOtlpReceiver();
  const { app } = await tracedApp({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${receiver.url}/v1/traces`, OTEL_BSP_SCHEDULE_DELAY: '100' });
  try {
    const response = await fetch(`${app.url}/api/username/${word()}`);
    const spans = await traceOf(receiver, traceparentOf(response)!.traceId);
    expect(receiver.exports.every((sent) => sent.contentType === 'application/x-protobuf')).toBe(true);
    const lookup = single(spans, 'cache.lookup');
    expect(lookup.attributes).toMatchObject({ 'cache.status': 'miss', 'cache.ttl_s': expect.any(Number) });
    expect(childrenOf(spans, lookup).map((span) => span.name)).toEqual(expect.arrayContaining(['cache.compute', 'EVALSHA cachelabStore']));
  } finally {
    await app.stop();
    await receiver.close();
  }
});

test('the embedded store: lookups and computations traced, no Redis spans (there is no Redis)', async () => {
  const receiver = await startOtlpReceiver();
  const { app } = await tracedApp({ REDIS_URL: '', REDIS_PROBE_URL: `redis://127.0.0.1:${await freePort()}`, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '100' });
  try {
    const url = `${app.url}/api/username/${word()}`;
    const miss = await fetch(url);
    const hit = await fetch(url);
    const missSpans = await traceOf(receiver, traceparentOf(miss)!.traceId);
    const hitSpans = await traceOf(receiver, traceparentOf(hit)!.traceId);
    expect(single(missSpans, 'cache.lookup').attributes['cache.status']).toBe('miss');
    expect(missSpans.filter((span) => span.name === 'cache.compute')).toHaveLength(1);
    expect(single(hitSpans, 'cache.lookup').attributes['cache.status']).toBe('hit');
    expect([...missSpans, ...hitSpans].filter(isRedis)).toEqual([]);
  } finally {
    await app.stop();
    await receiver.close();
  }
});

test('two instances on a Redis Cluster: a hit reads one node; under the lock, the other instance waits linked to the one computing', async () => {
  test.setTimeout(120_000);
  const receiver = await startOtlpReceiver();
  const cluster = await OwnRedisCluster.start({ masters: 3 });
  const env = { REDIS_URL: '', REDIS_CLUSTER_NODES: cluster.seeds, CACHE_PREFIX: ownPrefix(), OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '100' };
  const apps = [(await tracedApp(env)).app, (await tracedApp(env)).app] as const;
  try {
    const ports = cluster.seeds.split(',').map((seed) => Number(seed.split(':')[1]));
    // Each process' first lookup also sets up its connections (their commands are in that trace): warm both first.
    for (const app of apps) await fetch(`${app.url}/api/username/${word()}`);
    const name = word();
    await fetch(`${apps[0].url}/api/username/${name}`);
    const hit = await fetch(`${apps[1].url}/api/username/${name}`);
    expect(hit.headers.get('x-cache')).toBe('HIT');
    const hitSpans = await traceOf(receiver, traceparentOf(hit)!.traceId);
    const reads = childrenOf(hitSpans, single(hitSpans, 'cache.lookup'));
    expect(reads.map((span) => span.attributes['db.operation.name'])).toEqual(['get']);
    expect(ports, 'the node that answered').toContain(reads[0]!.attributes['server.port']);

    const set = await fetch(`${apps[0].url}/api/scenarios/username/strategy`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ strategy: 'lock' }) });
    expect(set.status).toBe(200);
    for (const app of apps) {
      const probe = `${app.url}/api/username/${word()}`;
      await expect.poll(async () => (await fetch(probe)).headers.get('x-cache-strategy'), { timeout: 10_000 }).toBe('lock');
    }
    const cold = word();
    const computing = fetch(`${apps[0].url}/api/username/${cold}`);
    // Instance B asks while A holds the lock (A computes for COMPUTE_MS).
    await new Promise((resolve) => setTimeout(resolve, COMPUTE_MS / 4));
    const waiting = await fetch(`${apps[1].url}/api/username/${cold}`);
    const computed = await computing;
    expect([computed.headers.get('x-cache-status'), waiting.headers.get('x-cache-status')]).toEqual(['miss', 'coalesced']);
    const [holderTrace, waiterTrace] = [traceparentOf(computed)!.traceId, traceparentOf(waiting)!.traceId];
    const spans = await receiver.waitFor((all) => [holderTrace, waiterTrace].every((id) => ofTrace(all, id).some((span) => span.kind === 2)));
    const holder = single(ofTrace(spans, holderTrace), 'cache.lookup');
    const wait = single(ofTrace(spans, waiterTrace), 'cache.wait');
    expect(wait.attributes['cache.wait.on']).toBe('lock');
    expect(wait.links.map((link) => [link.traceId, link.spanId]), 'linked through the lock in Redis').toEqual([[holderTrace, holder.spanId]]);
    expect(ofTrace(spans, waiterTrace).filter((span) => span.name === 'cache.compute')).toEqual([]);
  } finally {
    await Promise.all(apps.map((app) => app.stop()));
    await cluster.stop();
    await receiver.close();
  }
});

test('no endpoint: no SDK module loaded, no trace id in responses, nothing sent to the default OTLP port', async () => {
  // 4318 is where an SDK with no endpoint would send by default; if something else holds it, the module check still stands.
  const receiver = await startOtlpReceiver(4318).catch(() => null);
  if (receiver === null) test.info().annotations.push({ type: 'note', description: 'port 4318 is taken on this machine: the connection check was skipped' });
  // A batch delay that would have exported within the wait below, had anything been traced.
  const { app, loaded } = await tracedApp({ OTEL_EXPORTER_OTLP_ENDPOINT: '', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: '', OTEL_BSP_SCHEDULE_DELAY: '100' });
  try {
    const url = `${app.url}/api/username/${word()}`;
    for (const expected of ['MISS', 'HIT']) {
      const response = await fetch(url);
      expect(response.headers.get('x-cache')).toBe(expected);
      expect(response.headers.get('server-timing')).not.toContain('traceparent');
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(loaded()).toEqual([]);
    if (receiver) expect(receiver.connections()).toBe(0);
  } finally {
    await app.stop();
    await receiver?.close();
  }
});
