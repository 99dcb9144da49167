import 'server-only';
import type Redis from 'ioredis';

/**
 * The hit path's single round trip: read the value and its remaining TTL. A key holding
 * another type (a foreign write) answers `foreign` instead of an error.
 *
 * Neither script counts anything: a command that times out on a frozen Redis still runs
 * when Redis wakes up, and a count inside it would add to the `bypass` the request was
 * answered with. Every count goes through the recorder's idempotent batches instead.
 */
const LOOKUP = `
local value = redis.pcall('GET', KEYS[1])
if type(value) == 'table' then return {'foreign', '', -1} end
if not value then return false end
return {'hit', value, redis.call('PTTL', KEYS[1])}
`;

/** Store a computed value with its expiry and read the TTL back, in one round trip. */
const STORE = `
redis.call('SET', KEYS[1], ARGV[1], ARGV[2], ARGV[3])
return redis.call('PTTL', KEYS[1])
`;

/**
 * Writes one batch of metrics at most once. KEYS[1] is a hash of batch ids already applied;
 * ARGV: batch id, that hash's TTL, then four sections, each a count then its entries:
 * HINCRBY (key index, field, delta), HINCRBYFLOAT (key index, field, delta),
 * EXPIRE (key index, seconds), and XADD to one stream (stream key index, MAXLEN, then per
 * event its number of field/value strings and the strings). A batch whose reply was lost
 * (timeout, dropped connection) is sent again under the same id; the second copy is a no-op.
 */
const APPLY_BATCH = `
if redis.call('HSETNX', KEYS[1], ARGV[1], 1) == 0 then return 0 end
redis.call('EXPIRE', KEYS[1], ARGV[2])
local unpack = unpack or table.unpack
local at = 3
local function section(width, apply)
  local count = tonumber(ARGV[at])
  at = at + 1
  for _ = 1, count do
    apply(at)
    at = at + width
  end
end
section(3, function(i) redis.call('HINCRBY', KEYS[tonumber(ARGV[i])], ARGV[i + 1], ARGV[i + 2]) end)
section(3, function(i) redis.call('HINCRBYFLOAT', KEYS[tonumber(ARGV[i])], ARGV[i + 1], ARGV[i + 2]) end)
section(2, function(i) redis.call('EXPIRE', KEYS[tonumber(ARGV[i])], ARGV[i + 1]) end)
local events = tonumber(ARGV[at])
if events > 0 then
  local stream, maxlen = KEYS[tonumber(ARGV[at + 1])], ARGV[at + 2]
  at = at + 3
  for _ = 1, events do
    local width = tonumber(ARGV[at])
    redis.call('XADD', stream, 'MAXLEN', maxlen, '*', unpack(ARGV, at + 1, at + width))
    at = at + 1 + width
  end
end
return 1
`;

export type LookupReply = null | ['hit' | 'foreign', string, number];

interface CacheCommands {
  cachelabLookup(cacheKey: string): Promise<LookupReply>;
  cachelabStore(cacheKey: string, value: string, mode: 'PX' | 'PXAT', at: number): Promise<number>;
  cachelabApplyBatch(...keysThenArgs: string[]): Promise<0 | 1>;
}

const registered = new WeakSet<Redis>();

/** ioredis sends EVALSHA and falls back to EVAL once per script after a server restart. */
export function cacheCommands(client: Redis): CacheCommands {
  if (!registered.has(client)) {
    client.defineCommand('cachelabLookup', { numberOfKeys: 1, lua: LOOKUP });
    client.defineCommand('cachelabStore', { numberOfKeys: 1, lua: STORE });
    // The number of keys varies per batch: it is the first argument.
    client.defineCommand('cachelabApplyBatch', { lua: APPLY_BATCH });
    registered.add(client);
  }
  return client as unknown as CacheCommands;
}
