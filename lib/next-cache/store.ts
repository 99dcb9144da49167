import 'server-only';
import { withRedis } from '../core/redis';
import { processNearCache } from '../cache/near/process';
import { decodeRecord, decodeRecordBytes, type NextRecord, type RecordHeader } from './record';

/** When Next would no longer serve it at all: its `expire` after it was made. */
export const hardExpiry = (header: RecordHeader) => header.timestamp + header.expire * 1000;

/**
 * Entries of Next's cache: one Redis string each, read with one GET. The near cache (lib/cache/near)
 * is the in-process tier — an entry read through its tracked connection stays in memory until
 * anyone overwrites or deletes it (Redis tells every instance) or its `expire` passes — so with
 * `cacheMaxMemorySize: 0` a repeated read costs no round trip and stays coherent across instances.
 * On the embedded store (no tracking), and while tracking is not on, every read is a GET. Every command runs behind the engine's
 * breaker and command deadline: a slow or absent Redis is an error within REDIS_COMMAND_TIMEOUT_MS.
 */
export class EntryStore {
  /** `near: false`: every read is a GET (the bench's one-round-trip figure). */
  constructor(private readonly options: { near?: boolean } = {}) {}

  async read(redisKey: string): Promise<NextRecord | null> {
    const near = this.options.near === false ? null : await processNearCache();
    // Not tracked (yet, or any more): plain GETs on the shared client until the near cache is ready.
    if (near?.state !== 'ready') return decodeRecordBytes(await withRedis((client) => client.getBuffer(redisKey)));
    const held = near.peek<NextRecord>(redisKey);
    if (held) return held.value;
    return withRedis(() =>
      near.read(redisKey, (raw) => {
        const record = decodeRecord(raw);
        return { result: record, entry: record ? { value: record, freshUntil: hardExpiry(record.header) } : null };
      }),
    );
  }

  async write(redisKey: string, raw: string, ttlMs: number): Promise<void> {
    await withRedis((client) => client.set(redisKey, raw, 'PX', Math.max(1, Math.round(ttlMs))));
    // Our own next read must not see the value this one replaced (Redis' invalidation comes on another socket).
    (await processNearCache())?.forget(redisKey);
  }
}
