import 'server-only';

/** The stream would exceed NEXT_CACHE_MAX_ENTRY_BYTES: the value is rendered, never stored. */
export class TooLargeError extends Error {}

/**
 * Reads a value stream to its end, once, at most `maxBytes`. A stream that errors midway rejects
 * (the handler then stores nothing: a partial RSC payload would be served as if it were whole).
 */
export async function readAll(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<Buffer> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        throw new TooLargeError(`over ${maxBytes} bytes`);
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  return Buffer.concat(chunks, total);
}

/** A new stream over stored bytes for every read (a stream is read once). */
export function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}
