import 'server-only';
import { isNextCacheKey } from '../../next-cache/keys';
import calculateSlot from 'cluster-key-slot';
import { readableKeyOf } from '../../cache/keys';
import { ENVELOPE_TAIL_BYTES, envelopeMetaFromTail } from '../../cache/envelope';
import type { KeyInfo, KeyPage } from '../../contracts/dashboard';
import { env } from '../../core/env';
import { getRedis, withRedis, type RedisClient } from '../../core/redis';
import { findScenario } from '../../scenarios/registry';
import { keyFilter, scenarioOfKey } from '../../scenarios/own-key';
import { scanMasters, type MastersPage } from '../../core/masters-scan';

export interface KeyQuery {
  scenario?: string;
  match?: string;
  cursor: string;
}

/** One page of the key browser: a bounded SCAN walk over every master, then the keys found described, all at once. */
export async function listKeys(query: KeyQuery): Promise<KeyPage> {
  const namespace = query.scenario ? findScenario(query.scenario)?.namespace : undefined;
  const filter = keyFilter(namespace, query.match ?? '');
  const { backend } = await getRedis();
  const pattern = backend === 'embedded' ? filter.broadPattern : filter.pattern;
  const limits = { pageSize: env.KEYS_PAGE_SIZE, maxCalls: env.KEYS_SCAN_MAX_CALLS, count: env.KEYS_SCAN_COUNT };
  return withRedis(async (client) => {
    // Next's own entries have a page of their own (/next-cache), with what they are made of.
    const page = await scanMasters(client, pattern, query.cursor, limits, (key) => filter.accepts(key) && !isNextCacheKey(key));
    const keys = await describeKeys(client, page.keys.sort((a, b) => a.key.localeCompare(b.key)));
    return { keys, cursor: page.cursor, scanCalls: page.calls };
  });
}

/**
 * Remaining TTL, size and expiry kind of each key, reading only the tail of each value; in a
 * cluster also its hash slot and the master it lives on. Separate commands in flight together,
 * not one pipeline: in a cluster the keys are on different nodes.
 */
async function describeKeys(client: RedisClient, found: MastersPage['keys']): Promise<KeyInfo[]> {
  const settled = (promise: Promise<unknown>) => promise.then((reply) => ({ reply }), () => ({ reply: undefined, failed: true }));
  const replies = await Promise.all(
    found.map(({ key }) => Promise.all([settled(client.pttl(key)), settled(client.strlen(key)), settled(client.getrange(key, -ENVELOPE_TAIL_BYTES, -1))])),
  );
  const now = Date.now();
  const described: KeyInfo[] = [];
  found.forEach(({ key, node }, index) => {
    const [pttl, strlen, tail] = replies[index]!;
    const ttl = typeof pttl.reply === 'number' ? pttl.reply : -2;
    if (ttl === -2) return; // expired or deleted since the SCAN saw it
    const isString = !('failed' in strlen) && typeof strlen.reply === 'number';
    const meta = isString && typeof tail.reply === 'string' ? envelopeMetaFromTail(tail.reply) : { storedAt: null, expiry: null };
    const ttlMs = ttl >= 0 ? ttl : null;
    const readableKey = readableKeyOf(key);
    described.push({
      key,
      readableKey,
      scenario: scenarioOfKey(readableKey),
      type: isString ? 'string' : 'other',
      sizeBytes: isString ? (strlen.reply as number) : null,
      ttlMs,
      lifetimeMs: ttlMs !== null && meta.storedAt !== null ? Math.max(ttlMs, now + ttlMs - meta.storedAt) : null,
      expiry: meta.expiry,
      slot: node === null ? null : calculateSlot(key),
      node,
    });
  });
  return described;
}
