import 'server-only';
import type { RedisClient } from '../core/redis';
import { FRESH_UNTIL_LUA_PATTERN } from './envelope';
import type { CacheStrategy } from './types';

/** A value is fresh until the `freshUntil` at the head of its envelope; values without one are fresh while they exist. */
const FRESH = `
local function fresh(value, now)
  local freshUntil = tonumber(string.match(value, '${FRESH_UNTIL_LUA_PATTERN}'))
  return not freshUntil or freshUntil > now
end
`;

/**
 * Where the hit path's plain GET (read.ts) found no fresh value under a lock strategy, or an
 * envelope without `freshUntil`: read the value and its remaining TTL again and — when it is
 * missing or stale under a lock strategy — try to take the lock, atomically with the read. A key
 * holding another type answers `foreign`. The strategy comes from the caller (each process keeps
 * the scenario settings, see strategy-setting.ts), so both keys share one hash slot: one round
 * trip to one node, in a cluster too.
 *
 * No script counts anything: a command that times out on a frozen Redis still runs when Redis
 * wakes up, and a count inside it would add to the `bypass` the request was answered with.
 * Every count goes through the recorder's idempotent batches (APPLY_BATCH) instead.
 *
 * A caller that finds the lock taken also gets its value, the holder's token: when the holder
 * traces, that is its span as a `traceparent`, which the waiter's span links to (tracing.ts).
 *
 * KEYS: entry, lock. ARGV: now (ms), strategy, lock token, lock ms.
 */
const LOOKUP = `${FRESH}
local entry, lock = KEYS[1], KEYS[2]
local now, strategy, token, lockMs = tonumber(ARGV[1]), ARGV[2], ARGV[3], ARGV[4]
local value = redis.pcall('GET', entry)
if type(value) == 'table' then return {'foreign', '', -1, strategy} end
if value then
  if fresh(value, now) then
    return {'hit', value, redis.call('PTTL', entry), strategy}
  end
  if strategy == 'swr' then
    local refresh = redis.call('SET', lock, token, 'NX', 'PX', lockMs) and 'refresh' or ''
    return {'stale', value, redis.call('PTTL', entry), strategy, refresh}
  end
end
if strategy == 'cache-aside' then return {'miss', '', -1, strategy, ''} end
if redis.call('SET', lock, token, 'NX', 'PX', lockMs) then return {'miss', '', -1, strategy, 'locked'} end
return {'miss', '', -1, strategy, 'contended', redis.call('GET', lock) or ''}
`;

/**
 * What a caller waiting on someone else's lock runs every poll: the fresh value if it has been
 * stored; else the lock if its holder let go (a failed compute) or it expired; else keep waiting.
 *
 * KEYS: entry, lock. ARGV: now (ms), lock token, lock ms.
 */
const AWAIT = `${FRESH}
local entry, lock = KEYS[1], KEYS[2]
local now, token, lockMs = tonumber(ARGV[1]), ARGV[2], ARGV[3]
local value = redis.pcall('GET', entry)
if type(value) == 'table' then return {'foreign', '', -1} end
if value and fresh(value, now) then return {'value', value, redis.call('PTTL', entry)} end
if redis.call('SET', lock, token, 'NX', 'PX', lockMs) then return {'locked', '', -1} end
return {'wait', '', -1}
`;

/**
 * Store a computed value with its expiry and release the caller's lock if it still holds it,
 * in one round trip.
 *
 * KEYS: entry, lock. ARGV: value, PX|PXAT, expiry, lock token or ''.
 */
const STORE = `
local entry, lock = KEYS[1], KEYS[2]
local value, mode, expiry, token = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
redis.call('SET', entry, value, mode, expiry)
if token ~= '' and redis.call('GET', lock) == token then redis.call('DEL', lock) end
return redis.call('PTTL', entry)
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
local applied, batchId, appliedTtl = KEYS[1], ARGV[1], ARGV[2]
if redis.call('HSETNX', applied, batchId, 1) == 0 then return 0 end
redis.call('EXPIRE', applied, appliedTtl)
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


/** Compare-and-delete: a holder whose lock expired and was taken by another never deletes that one. */
const RELEASE = `
local lock, token = KEYS[1], ARGV[1]
if redis.call('GET', lock) == token then return redis.call('DEL', lock) end
return 0
`;

/** `locked`: this caller holds the lock and computes; `contended`: another does, wait for it; '': no lock used. */
export type LockClaim = 'locked' | 'contended' | '';

export type LookupReply =
  | ['hit', string, number, CacheStrategy]
  | ['stale', string, number, CacheStrategy, 'refresh' | '']
  | ['foreign', '', -1, CacheStrategy]
  | ['miss', '', -1, CacheStrategy, Exclude<LockClaim, 'contended'>]
  | ['miss', '', -1, CacheStrategy, 'contended', string];

export type AwaitReply = ['value', string, number] | ['locked' | 'wait' | 'foreign', '', -1];

interface CacheCommands {
  cachelabLookup(
    entryKey: string,
    lockKey: string,
    now: number,
    strategy: CacheStrategy,
    token: string,
    lockMs: number,
  ): Promise<LookupReply>;
  cachelabAwait(entryKey: string, lockKey: string, now: number, token: string, lockMs: number): Promise<AwaitReply>;
  cachelabStore(entryKey: string, lockKey: string, value: string, mode: 'PX' | 'PXAT', at: number, token: string): Promise<number>;
  cachelabRelease(lockKey: string, token: string): Promise<number>;
}

/**
 * The engine's scripts by the name ioredis defines them under. A traced EVALSHA carries only the
 * script's SHA1: lib/telemetry hashes these to name the span after the script it runs.
 */
export const CACHE_SCRIPTS = { cachelabLookup: LOOKUP, cachelabAwait: AWAIT, cachelabStore: STORE, cachelabRelease: RELEASE, cachelabApplyBatch: APPLY_BATCH } as const;

const registered = new WeakSet<RedisClient>();

/** ioredis sends EVALSHA and falls back to EVAL once per script after a server restart. */
export function cacheCommands(client: RedisClient): CacheCommands {
  if (!registered.has(client)) {
    client.defineCommand('cachelabLookup', { numberOfKeys: 2, lua: LOOKUP });
    client.defineCommand('cachelabAwait', { numberOfKeys: 2, lua: AWAIT });
    client.defineCommand('cachelabStore', { numberOfKeys: 2, lua: STORE });
    client.defineCommand('cachelabRelease', { numberOfKeys: 1, lua: RELEASE });
    registered.add(client);
  }
  return client as unknown as CacheCommands;
}

type ApplyBatch = (...keysThenArgs: string[]) => Promise<0 | 1>;
const batchCommands = new WeakMap<RedisClient, Set<number>>();

/**
 * APPLY_BATCH with a fixed key count, one command per count: ioredis-mock (the embedded store)
 * mis-reads a command whose key count travels as its first argument and drops its writes.
 * A batch writes one slot group's keys, so the counts in use are few.
 */
export function applyBatchCommand(client: RedisClient, keyCount: number): ApplyBatch {
  let counts = batchCommands.get(client);
  if (!counts) batchCommands.set(client, (counts = new Set()));
  const name = `cachelabApplyBatch${keyCount}`;
  if (!counts.has(keyCount)) {
    client.defineCommand(name, { numberOfKeys: keyCount, lua: APPLY_BATCH });
    counts.add(keyCount);
  }
  const commands = client as unknown as Record<string, ApplyBatch>;
  return commands[name]!.bind(client);
}
