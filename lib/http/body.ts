import 'server-only';
import type { NextRequest } from 'next/server';
import { env } from '../core/env';
import { ApiError } from './errors';

/**
 * Reads a JSON body with a byte cap. Route handlers have no built-in limit, so the
 * stream is read chunk by chunk and abandoned (413) as soon as it passes the cap,
 * before the whole body is buffered or parsed.
 */
export async function readJsonBody(request: NextRequest, maxBytes = env.MAX_BODY_BYTES): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ApiError(415, 'unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.');
  }
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  const text = await readCapped(request, maxBytes);
  if (text.trim() === '') throw new ApiError(400, 'empty_body', 'The request body is empty; send a JSON object.');
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
}

async function readCapped(request: NextRequest, maxBytes: number): Promise<string> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    // Never guess: a replacement character would silently change the input (and its cache key).
    throw new ApiError(400, 'invalid_json', 'The request body is not valid UTF-8.');
  }
}

const tooLarge = (maxBytes: number) => new ApiError(413, 'body_too_large', `The request body is larger than ${maxBytes} bytes.`);
