import type { KeyInfo } from '@/lib/contracts/dashboard';

export interface ListedKey extends KeyInfo {
  /** In this browser's clock; null = no expiry. */
  expiresAt: number | null;
}

export type KeyLedger = ReadonlyMap<string, ListedKey>;

/** Differences smaller than this between two reads of one key are network delay, not a new expiry. */
const EXPIRY_JITTER_MS = 3000;
/** A key gone from the listing this close to its expiry expired (it was not deleted): it stays, shown as expired. */
const EXPIRY_EVIDENCE_MS = 3000;
/** Expired keys kept longer than this are forgotten (the screen stopped showing them long before). */
const FORGET_AFTER_MS = 10_000;

export interface Listing {
  keys: readonly KeyInfo[];
  receivedAt: number;
}

/**
 * What the key browser shows, given what it showed before and the pages just read.
 *
 * - Each read gives `arrival + remaining TTL`, which wobbles with the response time: within a
 *   few seconds the earliest estimate is kept, so countdowns never stall or jump up. A key
 *   written again (a new expiry) moves it for real.
 * - A key that vanished right around its expiry is kept, marked expired, so the screen can
 *   show it going; one deleted long before its expiry (invalidated, flushed) simply goes.
 */
export function mergeListing(previous: KeyLedger, listings: readonly Listing[]): Map<string, ListedKey> {
  const next = new Map<string, ListedKey>();
  for (const { keys, receivedAt } of listings) {
    for (const key of keys) {
      if (next.has(key.key)) continue; // SCAN may return a key twice across pages
      next.set(key.key, { ...key, expiresAt: key.ttlMs === null ? null : steady(previous.get(key.key)?.expiresAt ?? null, receivedAt + key.ttlMs) });
    }
  }
  const now = Math.max(0, ...listings.map((listing) => listing.receivedAt));
  for (const [name, key] of previous) {
    if (next.has(name) || key.expiresAt === null) continue;
    const expiredOrAboutTo = key.expiresAt - now < EXPIRY_EVIDENCE_MS && now - key.expiresAt < FORGET_AFTER_MS;
    if (expiredOrAboutTo) next.set(name, { ...key, expiresAt: Math.min(key.expiresAt, now) });
  }
  // In key order, so a key going away keeps its place while it fades.
  return new Map([...next].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function steady(known: number | null, estimate: number): number {
  return known !== null && Math.abs(known - estimate) < EXPIRY_JITTER_MS ? Math.min(known, estimate) : estimate;
}

/** Still worth showing at `now`: alive, or expired less than `lingerMs` ago (the fading cue). */
export const isShown = (key: ListedKey, now: number, lingerMs: number) => key.expiresAt === null || key.expiresAt + lingerMs > now;
