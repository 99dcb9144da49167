import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { freePort, waitFor } from '../lib/testing/redis-server';
import { ownPrefix, startNextApp, startOwnApp, type NextApp, type OwnApp } from './own-app';

/**
 * The Grafana board's queries against the real thing: a Prometheus (Debian's binary, its own
 * port and storage, 1 s scrapes) scrapes two built app instances on a Redis of their own while
 * the simulator runs on one of them, and every panel's PromQL, read from
 * observability/grafana/dashboards/cache-lab.json, must answer through Prometheus' HTTP API with
 * a number — the totals counted once although both instances report them.
 */

interface BoardTarget { refId: string; expr: string }
interface BoardPanel { title: string; targets: BoardTarget[] }
const board = JSON.parse(readFileSync('observability/grafana/dashboards/cache-lab.json', 'utf8')) as { panels: BoardPanel[] };

/**
 * What Grafana would put in place of its interval macro: $__rate_interval is at least 4 scrape
 * intervals; a minute covers the whole run here, so every panel sees all of it.
 */
const RATE_INTERVAL = '1m';
const asGrafanaSends = (expr: string) => expr.replaceAll('$__rate_interval', RATE_INTERVAL);

interface Sample { metric: Record<string, string>; value: [number, string] }

let app: OwnApp;
/** A second instance on the same Redis and prefix: it serves the same figures, and a breaker of its own. */
let other: NextApp;
let prometheus: ChildProcess;
let prometheusUrl: string;
let scratch: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  // REDIS_NOTIFICATIONS=on: the app turns on Redis' keyspace notifications, so expiries and evictions reach the key-life stream.
  const settings = { REDIS_NOTIFICATIONS: 'on', RATE_LIMIT_POINTS: '0', REDIS_COMMAND_TIMEOUT_MS: '10000', CACHE_PREFIX: ownPrefix() };
  app = await startOwnApp({ env: settings });
  other = await startNextApp({ ...settings, REDIS_URL: app.redis.url });
  scratch = mkdtempSync(path.join(tmpdir(), 'cachelab-prometheus-'));
  // The shipped scrape config, pointed at these instances and scraping every second.
  const shipped = readFileSync('observability/prometheus/prometheus.yml', 'utf8');
  const targets = [app, other].map((instance) => `'${new URL(instance.url).host}'`).join(', ');
  const config = shipped.replace('scrape_interval: 5s', 'scrape_interval: 1s').replace(/targets: \[.*\]/, `targets: [${targets}]`);
  expect(config).toContain(`targets: [${targets}]`);
  expect(config).toContain('scrape_interval: 1s');
  writeFileSync(path.join(scratch, 'prometheus.yml'), config);
  const port = await freePort();
  prometheusUrl = `http://127.0.0.1:${port}`;
  prometheus = spawn('prometheus', [
    `--config.file=${path.join(scratch, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(scratch, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`, '--storage.tsdb.retention.time=1h',
  ], { stdio: 'ignore' });
  let spawnError: Error | null = null;
  prometheus.once('error', (error) => (spawnError = error));
  await waitFor(async () => {
    if (spawnError) throw new Error(`prometheus did not start (${spawnError.message}): install Debian's package \`prometheus\` (bash .ci/run does)`);
    const targets = await fetch(`${prometheusUrl}/api/v1/targets`).then((response) => response.json()).catch(() => null) as { data?: { activeTargets?: { health: string }[] } } | null;
    const active = targets?.data?.activeTargets ?? [];
    return active.length === 2 && active.every((target) => target.health === 'up');
  }, 30_000, 250);
});

test.afterAll(async () => {
  if (prometheus?.pid !== undefined && prometheus.exitCode === null) {
    const exited = new Promise((resolve) => prometheus.once('exit', resolve));
    prometheus.kill('SIGTERM');
    await exited;
  }
  await other?.stop();
  await app?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

type Counts = Record<string, number>;

/** Starts a simulator run on the app, waits until it is done, and returns what its requests were answered with, by status. */
async function simulate(request: APIRequestContext, run: Record<string, unknown>): Promise<Counts> {
  const started = await request.post(`${app.url}/api/simulations`, { headers: { origin: app.url }, data: { scenario: 'username', ...run } });
  expect(started.status(), await started.text()).toBe(202);
  const { data: { id } } = (await started.json()) as { data: { id: string } };
  let counts: Counts = {};
  await expect(async () => {
    const { data } = (await (await request.get(`${app.url}/api/simulations/${id}`)).json()) as { data: { status: string; phases: { counts: Counts }[] } };
    expect(data.status).toBe('done');
    counts = data.phases.reduce((sum, phase) => addCounts(sum, phase.counts), {});
  }).toPass({ timeout: 60_000, intervals: [250] });
  return counts;
}

const addCounts = (a: Counts, b: Counts) => Object.fromEntries([...new Set([...Object.keys(a), ...Object.keys(b)])].map((status) => [status, (a[status] ?? 0) + (b[status] ?? 0)]));

async function query(expr: string): Promise<Sample[]> {
  const response = await fetch(`${prometheusUrl}/api/v1/query?${new URLSearchParams({ query: expr })}`);
  const answer = (await response.json()) as { status: string; error?: string; data: { resultType: string; result: Sample[] } };
  expect(answer.status, `${expr}: ${answer.error ?? ''}`).toBe('success');
  expect(answer.data.resultType).toBe('vector');
  return answer.data.result;
}

const finite = (samples: Sample[]) => samples.map((sample) => Number(sample.value[1])).filter(Number.isFinite);

test('every panel of the Grafana board answers from a real Prometheus scraping two app instances', async ({ request }) => {
  test.setTimeout(180_000);
  const redis = new Redis(app.redis.url);
  let answered: Counts = {};
  try {
    // Near cache with 1 s entries: L1 hits, then invalidations and expiries as the entries lapse.
    answered = addCounts(answered, await simulate(request, { strategy: 'near', distribution: 'zipf', inputs: 40, users: 10, rps: 60, durationSeconds: 6, computeDelayMs: 5, ttlSeconds: 1 }));
    // A stampede: 30 concurrent callers on one cold key under `lock`, one computes and the rest wait (coalesced).
    answered = addCounts(answered, await simulate(request, { strategy: 'lock', distribution: 'burst', users: 30, computeDelayMs: 400 }));
    // Evictions last: this Redis is the test's own, capped just above what it holds once the app's connections
    // are warm, so new entries push old ones out. volatile-lru evicts only keys with a TTL (entries, key
    // timelines, the per-minute figures and histograms), never the totals the other panels rate.
    const used = Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1]);
    await redis.config('SET', 'maxmemory-policy', 'volatile-lru');
    await redis.config('SET', 'maxmemory', String(used + 256 * 1024));
    answered = addCounts(answered, await simulate(request, { strategy: 'cache-aside', distribution: 'uniform', inputs: 4000, users: 20, rps: 200, durationSeconds: 6, computeDelayMs: 1, ttlSeconds: 3600 }));
    expect(Number(/evicted_keys:(\d+)/.exec(await redis.info('stats'))?.[1])).toBeGreaterThan(0);
    // The last counts are flushed within 250 ms and scraped every second.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
  } finally {
    redis.disconnect();
  }

  const answers: { panel: string; refId: string; series: number; values: string }[] = [];
  for (const panel of board.panels) {
    for (const target of panel.targets) {
      const samples = await query(asGrafanaSends(target.expr));
      expect(samples.length, `${panel.title} / ${target.refId} answered nothing: ${target.expr}`).toBeGreaterThan(0);
      expect(finite(samples).length, `${panel.title} / ${target.refId} answered no number: ${JSON.stringify(samples)}`).toBeGreaterThan(0);
      answers.push({ panel: panel.title, refId: target.refId, series: samples.length, values: rendered(samples) });
    }
  }
  console.log(answers.map((answer) => `${answer.panel} | ${answer.refId} | ${answer.series} | ${answer.values}`).join('\n'));

  // The figures behind them are real: what the runs above did shows up.
  const byTitle = (start: string) => board.panels.find((panel) => panel.title.startsWith(start))!;
  const valueOf = async (start: string, refId = 'A', label?: [string, string]) => {
    const samples = await query(asGrafanaSends(byTitle(start).targets.find((target) => target.refId === refId)!.expr));
    return Math.max(...finite(label ? samples.filter((sample) => sample.metric[label[0]] === label[1]) : samples));
  };
  expect(await valueOf('Near cache', 'A')).toBeGreaterThan(0);
  // Its invalidation rate is a gauge of the last 10 s, back at 0 by now: it was not during the near run.
  expect(Math.max(...finite(await query('max_over_time(cachelab_near_invalidations_per_second[2m])')))).toBeGreaterThan(0);
  expect(await valueOf('Stampede waits')).toBeGreaterThan(0);
  expect(await valueOf('Evictions and expiries', 'A', ['reason', 'expired'])).toBeGreaterThan(0);
  expect(await valueOf('Evictions and expiries', 'A', ['reason', 'evicted'])).toBeGreaterThan(0);
  expect(await valueOf('Redis memory used')).toBeGreaterThan(0);
  expect(await valueOf('Redis maxmemory')).toBeGreaterThan(0);
  expect(await valueOf('Hit ratio per scenario')).toBeGreaterThan(0);
  expect(await valueOf('Circuit breaker')).toBe(0);

  // Two instances: the breaker panel shows each, and the totals are counted once: by status, exactly what the
  // simulator's requests were answered with.
  expect(await query(asGrafanaSends(byTitle('Circuit breaker').targets[0]!.expr))).toHaveLength(2);
  const counted = await query('sum by (result) (max without (instance) (cachelab_cache_requests_total))');
  expect(Object.fromEntries(counted.map((sample) => [sample.metric.result, Number(sample.value[1])]))).toEqual(answered);
  expect(finite(await query('count(count by (instance) (cachelab_cache_requests_total))'))).toEqual([2]);
});

/**
 * No Grafana binary here (Debian has none): the proof picture is Prometheus' own graph page charting
 * three of the board's queries over the run above (docs/observability.md shows it).
 */
test('Prometheus charts the board\'s queries over the run', async ({ page }) => {
  const charted = ['Lookup latency', 'Requests per second', 'Evictions and expiries'];
  const params = new URLSearchParams();
  charted.forEach((start, index) => {
    const panel = board.panels.find((candidate) => candidate.title.startsWith(start))!;
    params.set(`g${index}.expr`, asGrafanaSends(panel.targets[0]!.expr));
    params.set(`g${index}.tab`, '0');
    params.set(`g${index}.range_input`, '1m');
  });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${prometheusUrl}/graph?${params}`);
  // Its navigation bar is fixed to the top: in a full-page picture it would cover a chart.
  await page.addStyleTag({ content: '.navbar { position: static !important; }' });
  // One chart per query, each with drawn series.
  await expect(page.locator('.graph_area svg path.path')).not.toHaveCount(0);
  await expect(page.locator('.graph_area')).toHaveCount(charted.length);
  await page.screenshot({ path: test.info().outputPath('prometheus-board.png'), fullPage: true });
});

/** A short rendering of an answer for the log: `label=value` per series. */
function rendered(samples: Sample[]): string {
  return samples
    .map(({ metric, value }) => {
      const labels = Object.entries(metric).filter(([name]) => !['job', 'instance', '__name__'].includes(name)).map(([, label]) => label).join(',');
      const number = Number(value[1]);
      return `${labels || 'value'}=${Number.isFinite(number) ? Number(number.toPrecision(3)) : value[1]}`;
    })
    .join(' ');
}
