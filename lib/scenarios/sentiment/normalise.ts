/** No server-only marker: the sentiment page previews the cache key with the very same function. */

/**
 * Canonical form used both as the model input and as the cache key, so that
 * "I love it", "  i   LOVE it\n" and "I love it" (with a no-break space) share one entry.
 * NFKC first: full-width "ｌｏｖｅ" is "love", and "e" + a combining acute is the one "é".
 * `\s` with the `u` flag covers every Unicode White_Space character JS knows (NBSP, ideographic
 * space, line/paragraph separators...). `toLowerCase()` (not `toLocaleLowerCase`) keeps keys
 * identical whatever the server's locale is (no Turkish dotless-i surprises).
 *
 * Trade-off: VADER boosts ALL-CAPS words slightly; we give that up for a much better hit rate.
 */
export function normaliseSentence(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/gu, ' ').trim().toLowerCase();
}
