import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { flushMetrics } from '@/lib/cache';
import { scenarioResponseSchema } from '@/lib/contracts/scenario';
import { env } from '@/lib/core/env';
import { callApi, json } from '@/lib/testing/api';
import { inspector, removeUnder } from '@/lib/testing/redis';
import { SCENARIOS } from './registry';

/**
 * Every registered scenario, through the generic route and the site's lists, with no line here
 * per scenario: a new scenario is tested by being registered.
 */
const redis = inspector();

afterAll(async () => {
  await flushMetrics();
  await removeUnder(redis, env.CACHE_PREFIX);
  redis.disconnect();
});

const queryOf = (input: unknown) => new URLSearchParams(input as Record<string, string>).toString();

describe.each(SCENARIOS.map((scenario) => [scenario.id, scenario] as const))('scenario %s', (_id, scenario) => {
  const sample = scenario.sampleInput?.(0);

  it('has a page, and its key starts with its namespace', () => {
    expect(existsSync(path.join(process.cwd(), 'app', scenario.page.path, 'page.tsx'))).toBe(true);
    expect(scenario.page.blurb.length).toBeGreaterThan(20);
    if (sample !== undefined) expect(scenario.keyOf(scenario.input.parse(sample)).startsWith(`${scenario.namespace}:`)).toBe(true);
  });

  it.runIf(sample !== undefined)('misses, hits and is invalidated through /api/scenarios/{id}, with the expiry it declares', async () => {
    const url = `/api/scenarios/${scenario.id}?${queryOf(sample)}`;
    const first = await callApi({ url });
    expect(first.status).toBe(200);
    const body = scenarioResponseSchema(scenario.value).parse(await json(first));
    expect(body.cache.key).toBe(env.CACHE_PREFIX + scenario.keyOf(scenario.input.parse(sample)));
    const expiry = scenario.expiryOf(scenario.input.parse(sample), Date.now());
    if ('expireAt' in expiry) expect(Math.abs(Date.parse(body.cache.expiresAt ?? '') - expiry.expireAt)).toBeLessThan(1000);
    else expect(body.cache.ttlMs).toBeGreaterThan(expiry.ttlMs - 5000);

    const again = scenarioResponseSchema(scenario.value).parse(await json(await callApi({ url })));
    expect(again.cache.status).toBe('hit');
    expect(again.data).toEqual(body.data);

    expect(await json(await callApi({ method: 'DELETE', url }))).toEqual({ data: { key: body.cache.key, deleted: true } });
    expect(await json(await callApi({ url: `${url}&unexpected=1` }))).toMatchObject({ error: { code: 'invalid_query' } });
  });
});

describe('the site lists every scenario from the registry', () => {
  it('gives each its own page path and nav label', () => {
    expect(new Set(SCENARIOS.map((scenario) => scenario.page.path)).size).toBe(SCENARIOS.length);
    expect(new Set(SCENARIOS.map((scenario) => scenario.page.label)).size).toBe(SCENARIOS.length);
  });
});
