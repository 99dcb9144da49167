import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { readJsonBody } from './body';
import { ApiError } from './errors';

const LIMIT = 1024;
const CHUNK = 256;

/** A body that never ends, counting what the reader pulled and whether it let go. */
function endlessBody() {
  const seen = { bytes: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      seen.bytes += CHUNK;
      controller.enqueue(new Uint8Array(CHUNK).fill(0x20));
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { stream, seen };
}

const post = (body: BodyInit | null, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  new NextRequest('http://localhost/api/echo', { method: 'POST', headers, body, ...(body instanceof ReadableStream ? { duplex: 'half' } : {}) });

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('readJsonBody', () => {
  it('answers 413 after at most the limit (plus one chunk) of a body that never ends, and lets the stream go', async () => {
    const { stream, seen } = endlessBody();
    const error = await rejection(readJsonBody(post(stream), LIMIT));
    expect([error.status, error.code]).toEqual([413, 'body_too_large']);
    expect(seen.bytes).toBeLessThanOrEqual(LIMIT + 2 * CHUNK);
    expect(seen.cancelled).toBe(true);
  });

  it('answers 413 from a huge declared Content-Length without reading a byte', async () => {
    const { stream, seen } = endlessBody();
    const request = post(stream, { 'content-type': 'application/json', 'content-length': String(10 ** 12) });
    const error = await rejection(readJsonBody(request, LIMIT));
    expect([error.status, error.code]).toEqual([413, 'body_too_large']);
    expect(seen.bytes).toBeLessThanOrEqual(CHUNK);
  });

  it.each([
    ['no content type', {}],
    ['text/plain', { 'content-type': 'text/plain' }],
    ['a form', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['a look-alike type', { 'content-type': 'application/jsonp' }],
    ['a JSON-ish type', { 'content-type': 'application/json-patch+json' }],
  ])('answers 415 to %s', async (_, headers) => {
    const error = await rejection(readJsonBody(post('{"a":1}', headers), LIMIT));
    expect([error.status, error.code]).toEqual([415, 'unsupported_media_type']);
  });

  it.each([
    ['an empty body', '', 'empty_body'],
    ['whitespace only', ' \n\t ', 'empty_body'],
    ['invalid JSON', '{"a":', 'invalid_json'],
    ['a trailing comma', '{"a":1,}', 'invalid_json'],
    ['invalid UTF-8', new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), 'invalid_json'],
  ])('answers 400 to %s', async (_, body, code) => {
    const error = await rejection(readJsonBody(post(body), LIMIT));
    expect([error.status, error.code]).toEqual([400, code]);
  });

  it('accepts JSON with a charset, and `__proto__` stays an inert own key', async () => {
    const body = await readJsonBody(post('{"a":1,"__proto__":{"polluted":true}}', { 'content-type': 'Application/JSON; charset=utf-8' }), LIMIT);
    expect(body).toMatchObject({ a: 1 });
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
