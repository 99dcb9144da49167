import 'server-only';
import type Redis from 'ioredis';

/**
 * The hit path's single round trip: read the value and count the hit atomically. A miss
 * records nothing here: it is counted when its outcome (computed, coalesced, failed) is
 * known, so every request counts once. The reply is the stored bytes alone (a bulk string
 * parses faster than an array, and the remaining lifetime is in the envelope); a key
 * holding another type (a foreign write) answers FOREIGN instead of an error.
 */
const LOOKUP = `
local value = redis.pcall('GET', KEYS[1])
if type(value) == 'table' then return 0 end
if value then redis.call('HINCRBY', KEYS[2], 'hit', 1) end
return value
`;

/** Store a computed value with its expiry and count the miss, in one round trip. */
const STORE = `
redis.call('SET', KEYS[1], ARGV[1], ARGV[2], ARGV[3])
redis.call('HINCRBY', KEYS[2], 'miss', 1)
return redis.call('PTTL', KEYS[1])
`;

/** The integer reply of LOOKUP for a key of another type; a stored value is always a string. */
export const FOREIGN = 0;
export type LookupReply = null | string | typeof FOREIGN;

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
