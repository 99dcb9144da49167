/**
 * What happens to a cache key, as the timeline and the live stream tell it. Shared by the
 * server and the pages (types and constants only, no server code).
 *
 * - `stored` / `overwritten`: the engine wrote the entry (a refresh or another write while one
 *   existed is `overwritten`); `origin: 'redis'` when only Redis' `set` notification saw it.
 * - `hit`: served from the cache (`count` hits in the second starting at `at`).
 * - `ttl-zero`: the moment the stored expiry passed, computed from the stored row (never sent by Redis).
 * - `expired` / `evicted`: Redis removed it (keyspace notification); `lagMs` after `ttl-zero`.
 * - `deleted`: DEL / UNLINK (invalidate, flush, key browser, or another client).
 * - `expire`: its TTL was set or changed (live stream only).
 * - `tag-invalidated` / `stale-served` / `regenerated`: Next's cache (lib/next-cache): a tag invalidation
 *   found the entry out of date (`by` = the tag), it was served stale once, it was made again.
 */
export const KEY_EVENT_TYPES = ['stored', 'overwritten', 'hit', 'ttl-zero', 'expired', 'evicted', 'deleted', 'expire', 'tag-invalidated', 'stale-served', 'regenerated'] as const;
export type KeyEventType = (typeof KEY_EVENT_TYPES)[number];

/** Who saw it: this app's engine (with details) or only Redis' notification. */
export type KeyEventOrigin = 'app' | 'redis';

export interface KeyEvent {
  type: KeyEventType;
  /** The full Redis key. */
  key: string;
  /** ISO time. */
  at: string;
  origin: KeyEventOrigin;
  /** stored / overwritten: what wrote it, e.g. `GET /api/username/alice`, `simulator`, `swr refresh`. */
  by?: string;
  computeMs?: number;
  /** The TTL asked for, in ms (null for an absolute expiry such as the next midnight). */
  ttlMs?: number | null;
  /** When Redis may remove it (ISO), i.e. when its TTL reaches zero. */
  expiresAt?: string;
  /** hit: how many hits this row stands for. */
  count?: number;
  /** expired / evicted / deleted: milliseconds after the TTL reached zero (expired), when known. */
  lagMs?: number;
}

/** Why the live stream may have missed events: the client must reload what it shows. */
export interface StreamGap {
  reason: 'buffer' | 'restart' | 'subscriber';
  message: string;
  at: string;
}

/** What the page needs to know about keyspace notifications on this backend. */
export interface NotificationStatus {
  backend: 'redis' | 'embedded';
  /** REDIS_NOTIFICATIONS */
  setting: 'auto' | 'on' | 'off';
  /** The subscriber connection is subscribed right now. */
  listening: boolean;
  /** The server's notify-keyspace-events, or null when it cannot be read (CONFIG refused, embedded). */
  flags: string | null;
  /** Classes Cache Lab needs that are not enabled (`E`, `$`, `g`, `x`, `e`). */
  missing: string[];
  /** Events this backend cannot report at all (the embedded store sends no notifications). */
  unavailable: KeyEventType[];
  /** One sentence for the page. */
  message: string;
}

export interface KeyTimeline {
  key: string;
  events: KeyEvent[];
  /** The entry exists right now, and its remaining TTL (null: no TTL or gone). */
  exists: boolean;
  ttlMs: number | null;
  notifications: NotificationStatus;
}
