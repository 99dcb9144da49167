import 'server-only';
import type { RedisClient } from '../../core/redis';
import { statsKeys } from '../../cache/keys';
import { env } from '../../core/env';
import type { KeyEvent, KeyEventType } from './types';

/**
 * A key's life is a capped stream of its own, `<prefix>_stats:life:<readable key>` (Cache Lab's
 * bookkeeping, never a cache entry), kept until the key's expiry plus KEYLIFE_RETAIN_SECONDS.
 *
 * Several app instances see the same Redis notification, and the engine that did a write or a
 * delete reports it too, with more detail: so rows of one family (a write, a removal) within
 * DEDUPE_MS are one event. A Redis-only row is dropped when one of its family is already there;
 * an engine row replaces a Redis-only one. The last DEDUPE_ROWS rows are compared, not only the
 * last: the engine's rows are written in batches, so Redis' row of a later event (the `del` of a
 * delete) can land between the engine's write and its report. One key per script call, so it
 * runs on any cluster node.
 *
 * KEYS: the life stream. ARGV: now (ms), family, origin, window ms, MAXLEN, keep until (ms), rows compared, then field/value pairs.
 */
const APPEND = `
local now, family, origin, window = tonumber(ARGV[1]), ARGV[2], ARGV[3], tonumber(ARGV[4])
local function recentRows()
  local rows = {}
  for _, entry in ipairs(redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', tonumber(ARGV[7]))) do
    local fields = {}
    for i = 1, #entry[2], 2 do fields[entry[2][i]] = entry[2][i + 1] end
    rows[#rows + 1] = { id = entry[1], fields = fields }
  end
  return rows
end
-- pcall: the embedded store's Lua returns nested replies in another shape; it sends no notifications, so has nothing to merge.
local ok, rows = pcall(recentRows)
if ok then
  for _, row in ipairs(rows) do
    local fields = row.fields
    if fields.family == family and math.abs(now - tonumber(fields.at)) <= window then
      if origin == 'redis' then return 0 end
      if fields.origin == 'redis' then redis.call('XDEL', KEYS[1], row.id) break end
    end
  end
end
local row = { 'family', family, 'origin', origin }
for i = 8, #ARGV do row[#row + 1] = ARGV[i] end
redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[5], '*', unpack(row))
local keepUntil = tonumber(ARGV[6])
if redis.call('PTTL', KEYS[1]) < keepUntil - now then redis.call('PEXPIREAT', KEYS[1], keepUntil) end
return 1
`;

const DEDUPE_MS = 2000;
const DEDUPE_ROWS = 8;
const FAMILY: Record<KeyEventType, string> = {
  stored: 'write', overwritten: 'write', hit: 'hit', 'ttl-zero': 'ttl', expired: 'gone', evicted: 'gone', deleted: 'gone', expire: 'ttl',
  'tag-invalidated': 'tag', 'stale-served': 'stale', regenerated: 'write',
};

export function lifeKey(fullKey: string, prefix = env.CACHE_PREFIX): string {
  return statsKeys.life(fullKey.slice(prefix.length), prefix);
}

interface LifeCommands {
  cachelabLifeAppend(key: string, ...args: (string | number)[]): Promise<0 | 1>;
}

const registered = new WeakSet<RedisClient>();
function lifeCommands(client: RedisClient): LifeCommands {
  if (!registered.has(client)) {
    client.defineCommand('cachelabLifeAppend', { numberOfKeys: 1, lua: APPEND });
    registered.add(client);
  }
  return client as unknown as LifeCommands;
}

/** A row as stored: every field a string; `at` and `expiresAt` in epoch ms. */
export type LifeRow = { type: KeyEventType; at: number; origin: 'app' | 'redis' } & Partial<Record<'by' | 'computeMs' | 'ttlMs' | 'expiresAt' | 'count', string | number>>;

/** Appends one row (0: dropped as a duplicate of another instance's or the engine's row). */
export async function appendLife(client: RedisClient, key: string, row: LifeRow, prefix = env.CACHE_PREFIX): Promise<0 | 1> {
  const fields = Object.entries(row).flatMap(([name, value]) => (value === undefined ? [] : [name, String(value)]));
  const expiresAt = typeof row.expiresAt === 'number' ? row.expiresAt : row.at;
  const keepUntil = Math.max(expiresAt, row.at) + env.KEYLIFE_RETAIN_SECONDS * 1000;
  return lifeCommands(client).cachelabLifeAppend(
    lifeKey(key, prefix), row.at, FAMILY[row.type], row.origin, DEDUPE_MS, env.KEYLIFE_TIMELINE_MAX_EVENTS, keepUntil, DEDUPE_ROWS, ...fields,
  );
}

/** The stored rows, oldest first, with `ttl-zero` inserted where an expiry passed and the lag of each removal after it. */
export async function readLife(client: RedisClient, key: string, now = Date.now(), prefix = env.CACHE_PREFIX): Promise<KeyEvent[]> {
  const entries = await client.xrange(lifeKey(key, prefix), '-', '+');
  const rows = entries.map(([, fields]) => toEvent(key, fields)).sort((a, b) => a.atMs - b.atMs);
  return withTtlZero(rows, now).map(withoutNumbers);
}

type Row = KeyEvent & { atMs: number; expiresAtMs?: number };

/** The wire shape: ISO times only. */
function withoutNumbers(row: Row): KeyEvent {
  const event: KeyEvent & Partial<Pick<Row, 'atMs' | 'expiresAtMs'>> = { ...row };
  delete event.atMs;
  delete event.expiresAtMs;
  return event;
}

function toEvent(key: string, fields: string[]): Row {
  const read: Record<string, string> = {};
  for (let index = 0; index < fields.length; index += 2) read[fields[index]!] = fields[index + 1]!;
  const atMs = Number(read.at);
  const expiresAtMs = read.expiresAt ? Number(read.expiresAt) : undefined;
  const row: Row = { type: read.type as KeyEventType, key, at: new Date(atMs).toISOString(), origin: read.origin === 'redis' ? 'redis' : 'app', atMs };
  if (read.by) row.by = read.by;
  if (read.computeMs) row.computeMs = Number(read.computeMs);
  if (read.ttlMs) row.ttlMs = read.ttlMs === 'null' ? null : Number(read.ttlMs);
  if (expiresAtMs !== undefined) Object.assign(row, { expiresAtMs, expiresAt: new Date(expiresAtMs).toISOString() });
  if (read.count) row.count = Number(read.count);
  return row;
}

/**
 * Redis never says when a TTL reaches zero, only when it removes the key (lazily when a
 * client touches it, or in its active expiry cycle): the moment comes from the stored
 * expiry, and each removal after it gets its lag.
 */
function withTtlZero(rows: Row[], now: number): Row[] {
  const out: Row[] = [];
  let expiresAtMs: number | undefined;
  const passExpiry = (until: number) => {
    if (expiresAtMs === undefined || expiresAtMs > until) return;
    out.push({ type: 'ttl-zero', key: rows[0]!.key, at: new Date(expiresAtMs).toISOString(), origin: 'app', atMs: expiresAtMs });
  };
  for (const row of rows) {
    passExpiry(row.atMs);
    const zero = expiresAtMs;
    if (zero !== undefined && zero <= row.atMs) expiresAtMs = undefined;
    if (row.type === 'expired' && zero !== undefined && zero <= row.atMs) row.lagMs = row.atMs - zero;
    if (row.type === 'stored' || row.type === 'overwritten') expiresAtMs = row.expiresAtMs;
    if (row.type === 'deleted' || row.type === 'evicted' || row.type === 'expired') expiresAtMs = undefined;
    out.push(row);
  }
  passExpiry(now);
  return out;
}
