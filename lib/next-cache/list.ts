import 'server-only';
import { env } from '../core/env';
import { scanMasters } from '../core/masters-scan';
import { withRedis } from '../core/redis';
import type { NextEntry } from '../contracts/next-cache';
import { entryPattern } from './keys';
import { decodeHeader } from './record';
import { nextCacheParts } from './register';
import { verdictOf } from './tags';

/** Bytes of a record read to list it: the header only (the value may be megabytes). */
const HEADER_BYTES = 4096;
/** Next's "never" (INFINITE_CACHE) and anything beyond a year is shown as no such time. */
const NEVER_SECONDS = 365 * 24 * 3600;

/**
 * Next's entries in Redis for /next-cache: one bounded SCAN walk over every master (the key
 * browser's budget: KEYS_PAGE_SIZE keys, KEYS_SCAN_MAX_CALLS calls), then one pipeline of
 * GETRANGE (the header) and PTTL per key, sent at once. A listing, never on a request's path; tags never need it.
 */
export async function listEntries(now = Date.now()): Promise<{ entries: NextEntry[]; truncated: boolean }> {
  const limits = { pageSize: env.KEYS_PAGE_SIZE, maxCalls: env.KEYS_SCAN_MAX_CALLS, count: env.KEYS_SCAN_COUNT };
  const states = await nextCacheParts().tags.current();
  return withRedis(async (client) => {
    const page = await scanMasters(client, entryPattern(), '0', limits, () => true);
    // Sent together (one write per connection; on a cluster each key goes to its own master, where a pipeline could not span slots).
    const replies = await Promise.all(page.keys.map(({ key }) => Promise.all([client.getrange(key, 0, HEADER_BYTES - 1), client.pttl(key)])));
    const entries = page.keys.flatMap(({ key }, index): NextEntry[] => {
      const [raw, pttl] = replies[index]!;
      const header = decodeHeader(raw);
      if (!header) return [];
      const at = (seconds: number) => (seconds >= NEVER_SECONDS ? null : header.timestamp + seconds * 1000);
      return [{
        key: header.key, redisKey: key, kind: header.kind, tags: header.tags, sizeBytes: header.size, createdAt: header.timestamp,
        revalidateAt: at(header.revalidate), expireAt: at(header.expire),
        redisExpireAt: typeof pttl === 'number' && pttl >= 0 ? now + pttl : null,
        tagState: verdictOf(states, header.tags, header.timestamp, now).verdict, instance: header.instance,
      }];
    });
    entries.sort((a, b) => b.createdAt - a.createdAt);
    return { entries, truncated: page.cursor !== '0' };
  });
}
