import 'server-only';
import { env } from '../core/env';
import { decodeEnvelope, type Envelope } from './envelope';
import { BoundedLru } from './near/lru';
import { processWide } from '../core/process-wide';

/**
 * The last decoded envelope of each recently read key, with the exact text it was decoded
 * from. A hit whose GET returns the same text again (the common case: an entry is read many
 * times between writes) reuses it: comparing two strings is far cheaper than JSON.parse and
 * the structural check, which were most of the JavaScript after Redis' reply (docs/hit-path.md).
 * Correct by construction: the same bytes always decode to the same envelope, and freshness is
 * still judged on every read. Like near-cache values, a decoded value is shared and read-only.
 */
export class DecodedEnvelopes {
  private readonly recent: BoundedLru<{ raw: string; envelope: Envelope<unknown> }>;

  constructor(maxEntries = env.HIT_DECODED_MAX_ENTRIES, maxBytes = env.HIT_DECODED_MAX_BYTES) {
    this.recent = new BoundedLru(maxEntries, maxBytes);
  }

  decode<V>(key: string, raw: string, isValue: (value: unknown) => value is V): Envelope<V> | null {
    const known = this.recent.get(key);
    if (known !== undefined && known.raw === raw) return known.envelope as Envelope<V>;
    const envelope = decodeEnvelope(raw, isValue);
    // Each kept entry holds the text and its decoded copy: about twice the text's length.
    if (envelope) this.recent.set(key, { raw, envelope }, raw.length * 2);
    else this.recent.delete(key);
    return envelope;
  }
}

/** The process' memo. */
export const decodedEnvelopes = processWide('cache.decoded', () => new DecodedEnvelopes());
