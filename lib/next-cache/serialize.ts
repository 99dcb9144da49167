import 'server-only';

/**
 * The incremental cache's values as JSON: a page's RSC payload and segment data are Buffers (and a
 * Map of them), a route's body is a Buffer. Tagged objects carry them; everything else is plain JSON.
 */
export function toJson(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return { $buffer: value.toString('base64') };
  if (value instanceof Map) return { $map: [...value].map(([key, item]) => [key, toJson(item)]) };
  if (Array.isArray(value)) return value.map(toJson);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toJson(item)]));
  return value;
}

export function fromJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromJson);
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  if (typeof object.$buffer === 'string') return Buffer.from(object.$buffer, 'base64');
  if (Array.isArray(object.$map)) return new Map((object.$map as [string, unknown][]).map(([key, item]) => [key, fromJson(item)]));
  return Object.fromEntries(Object.entries(object).map(([key, item]) => [key, fromJson(item)]));
}
