import 'server-only';
import type Redis from 'ioredis';
import { ENVELOPE_TAIL_BYTES, envelopeMetaFromTail } from '../cache/envelope';
import type { KeyInfo, KeyPage } from '../dashboard-types';
import { env } from '../env';
import { getRedis, withRedis } from '../redis';
import { findScenario } from '../scenarios/registry';
import { keyFilter, scenarioOfKey } from './own-key';
import { scanPage } from './scan';

export interface KeyQuery {
  scenario?: string;
  match?: string;
  cursor: string;
}

/** One page of the key browser: a bounded SCAN walk, then one pipeline describing the keys found. */
export async function listKeys(query: KeyQuery): Promise<KeyPage> {
  const namespace = query.scenario ? findScenario(query.scenario)?.namespace : undefined;
  const filter = keyFilter(namespace, query.match ?? '');
  const { backend } = await getRedis();
  const pattern = backend === 'embedded' ? filter.broadPattern : filter.pattern;
  const limits = { pageSize: env.KEYS_PAGE_SIZE, maxCalls: env.KEYS_SCAN_MAX_CALLS, count: env.KEYS_SCAN_COUNT };
  return withRedis(async (client) => {
    const page = await scanPage(client, pattern, query.cursor, limits, filter.accepts);
    const keys = await describeKeys(client, page.keys.sort());
    return { keys, cursor: page.cursor, scanCalls: page.calls };
  });
}

/** Remaining TTL, size and expiry kind of each key, reading only the tail of each value. */
async function describeKeys(client: Redis, keys: string[]): Promise<KeyInfo[]> {
  if (keys.length === 0) return [];
  const pipeline = client.pipeline();
  for (const key of keys) pipeline.pttl(key).strlen(key).getrange(key, -ENVELOPE_TAIL_BYTES, -1);
  const replies = (await pipeline.exec()) ?? [];
  const now = Date.now();
  const described: KeyInfo[] = [];
  keys.forEach((key, index) => {
    const [pttl, strlen, tail] = replies.slice(index * 3, index * 3 + 3);
    const ttl = typeof pttl?.[1] === 'number' ? pttl[1] : -2;
    if (ttl === -2) return; // expired or deleted since the SCAN saw it
    const isString = !strlen?.[0] && typeof strlen?.[1] === 'number';
    const meta = isString && typeof tail?.[1] === 'string' ? envelopeMetaFromTail(tail[1]) : { storedAt: null, expiry: null };
    const ttlMs = ttl >= 0 ? ttl : null;
    const readableKey = key.slice(env.CACHE_PREFIX.length);
    described.push({
      key,
      readableKey,
      scenario: scenarioOfKey(readableKey),
      type: isString ? 'string' : 'other',
      sizeBytes: isString ? (strlen?.[1] as number) : null,
      ttlMs,
      lifetimeMs: ttlMs !== null && meta.storedAt !== null ? Math.max(ttlMs, now + ttlMs - meta.storedAt) : null,
      expiry: meta.expiry,
    });
  });
  return described;
}
