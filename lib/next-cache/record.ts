import 'server-only';
import { isUtf8 } from 'node:buffer';
import type { NextKind } from './keys';

/** What is stored beside an entry's bytes: enough to list it, check its tags and answer Next without reading another key. */
export interface RecordHeader {
  kind: NextKind;
  /** Next's own key (cut to 300 characters: for display). */
  key: string;
  /** Explicit tags (`cacheTag`, `fetch(…, { next: { tags } })`, a page's `x-next-cache-tags`). */
  tags: string[];
  /** When the value was made (ms since the epoch); tag invalidations after it make it stale or expired. */
  timestamp: number;
  /** Seconds after `timestamp`: `revalidate` (stale, regenerated in the background), `expire` (gone), `stale` (the client's). */
  revalidate: number;
  expire: number;
  stale: number;
  /** The app instance that wrote it (NEXT_CACHE_INSTANCE, else hostname:pid). */
  instance: string;
  /** Size of the value in bytes. */
  size: number;
  /** How the value's bytes are written after the header: as text when they are UTF-8, else base64. */
  encoding: 'utf8' | 'base64';
  /** The incremental cache's own fields (`cacheControl`, the value's kind), kept as Next gave them. */
  extra?: Record<string, unknown>;
}

export interface NextRecord {
  header: RecordHeader;
  value: Buffer;
}

/**
 * One Redis string per entry — the header's JSON, a newline, the value — so a hit is one GET and the
 * near cache (which tracks GETs) can hold it. JSON never contains a raw newline, so the first one
 * ends the header. A value that is not UTF-8 (an RSC payload may carry binary chunks) goes as base64.
 */
export function encodeRecord(header: Omit<RecordHeader, 'size' | 'encoding'>, value: Buffer): string {
  const text = isUtf8(value);
  const full: RecordHeader = { ...header, key: header.key.slice(0, 300), size: value.byteLength, encoding: text ? 'utf8' : 'base64' };
  return `${JSON.stringify(full)}\n${value.toString(text ? 'utf8' : 'base64')}`;
}

/** The record under a key, or null when the text is not one of ours (then it is a miss, and overwritten). */
export function decodeRecord(raw: string | null): NextRecord | null {
  if (raw === null) return null;
  const end = raw.indexOf('\n');
  if (end < 0) return null;
  try {
    const header = JSON.parse(raw.slice(0, end)) as RecordHeader;
    if (typeof header?.timestamp !== 'number' || !Array.isArray(header.tags)) return null;
    return { header, value: Buffer.from(raw.slice(end + 1), header.encoding === 'base64' ? 'base64' : 'utf8') };
  } catch {
    return null;
  }
}

/**
 * The same from the stored bytes (a GET answered as a Buffer): a UTF-8 value is a view of them, not a
 * decoded and re-encoded copy — the difference between a 2 kB and a 1 MB entry's read.
 */
export function decodeRecordBytes(raw: Buffer | null): NextRecord | null {
  if (raw === null) return null;
  const end = raw.indexOf(0x0a);
  if (end < 0) return null;
  try {
    const header = JSON.parse(raw.toString('utf8', 0, end)) as RecordHeader;
    if (typeof header?.timestamp !== 'number' || !Array.isArray(header.tags)) return null;
    const body = raw.subarray(end + 1);
    return { header, value: header.encoding === 'base64' ? Buffer.from(body.toString('latin1'), 'base64') : body };
  } catch {
    return null;
  }
}

/** Only the header (the entries list reads many records; their values stay unread). */
export function decodeHeader(raw: string): RecordHeader | null {
  const end = raw.indexOf('\n');
  if (end < 0) return null;
  try {
    return JSON.parse(raw.slice(0, end)) as RecordHeader;
  } catch {
    return null;
  }
}
