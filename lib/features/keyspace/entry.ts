import 'server-only';
import type { KeyValue } from '../../contracts/dashboard';
import { env } from '../../core/env';
import { ApiError } from '../../core/errors';
import { noteDeleted } from '../../cache';
import { withRedis } from '../../core/redis';
import { findScenario } from '../../scenarios/registry';
import { assertCacheKey, keyFilter } from '../../scenarios/own-key';
import { unlinkMatching } from '../../core/scan';

/** The stored value of one cache entry, cut at KEY_VALUE_MAX_BYTES so a huge value cannot flood the browser. */
export async function readKeyValue(key: string): Promise<KeyValue> {
  assertCacheKey(key);
  const [type, ttl, size, raw] = await withRedis(async (client) => {
    const replies = (await client.multi().type(key).pttl(key).strlen(key).getrange(key, 0, env.KEY_VALUE_MAX_BYTES - 1).exec()) ?? [];
    return replies.map(([error, reply]) => (error ? null : reply));
  });
  if (type === 'none' || type === null) throw new ApiError(404, 'key_not_found', 'No such key: it expired or was deleted.');
  if (type !== 'string') return { key, type: String(type), sizeBytes: 0, ttlMs: ttlOrNull(ttl), value: null, truncated: false };
  const sizeBytes = Number(size) || 0;
  const text = String(raw ?? '');
  const truncated = sizeBytes > env.KEY_VALUE_MAX_BYTES;
  return { key, type: 'string', sizeBytes, ttlMs: ttlOrNull(ttl), value: truncated ? text : parseOrText(text), truncated };
}

/** Invalidate one entry; false when it was already gone. */
export async function deleteKey(key: string): Promise<boolean> {
  assertCacheKey(key);
  const deleted = (await withRedis((client) => client.del(key))) > 0;
  if (deleted) await noteDeleted(key, 'key browser (DELETE /api/keys)');
  return deleted;
}

/** Delete every entry of one scenario (its namespace under the prefix), never a metric. */
export async function flushScenario(id: string): Promise<number> {
  const scenario = findScenario(id);
  if (!scenario) throw new ApiError(404, 'unknown_scenario', `No scenario "${id}".`);
  const filter = keyFilter(scenario.namespace);
  const by = `flush (DELETE /api/scenarios/${scenario.id}/cache)`;
  const onUnlinked = (keys: string[]) => Promise.all(keys.map((key) => noteDeleted(key, by)));
  return withRedis((client) => unlinkMatching(client, filter.pattern, filter.accepts, onUnlinked));
}

const ttlOrNull = (ttl: unknown) => (typeof ttl === 'number' && ttl >= 0 ? ttl : null);

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
