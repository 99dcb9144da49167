import 'server-only';
import type Redis from 'ioredis';

/**
 * The hit path's single round trip: read the value, count the hit and read the
 * remaining TTL atomically. A miss records nothing here: it is counted when its
 * outcome (computed, coalesced, failed) is known, so every request counts once.
 * A key holding another type (a foreign write) answers `foreign` instead of an error.
 */
const LOOKUP = `
local value = redis.pcall('GET', KEYS[1])
if type(value) == 'table' then return {'foreign', '', -1} end
if not value then return false end
redis.call('HINCRBY', KEYS[2], 'hit', 1)
return {'hit', value, redis.call('PTTL', KEYS[1])}
`;

/** Store a computed value with its expiry and count the miss, in one round trip. */
const STORE = `
redis.call('SET', KEYS[1], ARGV[1], ARGV[2], ARGV[3])
redis.call('HINCRBY', KEYS[2], 'miss', 1)
return redis.call('PTTL', KEYS[1])
`;

export type LookupReply = null | ['hit' | 'foreign', string, number];

interface CacheCommands {
  cachelabLookup(cacheKey: string, totalsKey: string): Promise<LookupReply>;
  cachelabStore(cacheKey: string, totalsKey: string, value: string, mode: 'PX' | 'PXAT', at: number): Promise<number>;
}

const registered = new WeakSet<Redis>();

/** ioredis sends EVALSHA and falls back to EVAL once per script after a server restart. */
export function cacheCommands(client: Redis): CacheCommands {
  if (!registered.has(client)) {
    client.defineCommand('cachelabLookup', { numberOfKeys: 2, lua: LOOKUP });
    client.defineCommand('cachelabStore', { numberOfKeys: 2, lua: STORE });
    registered.add(client);
  }
  return client as unknown as CacheCommands;
}
