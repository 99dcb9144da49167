import 'server-only';
import { env } from '../../core/env';
import { ApiError } from '../../core/errors';
import type { KeyEventBus, StreamEntry } from './bus';

export interface StreamRequest {
  bus: KeyEventBus;
  /** Last-Event-ID header (a reconnecting EventSource sends it by itself) or `?lastEventId=`. */
  lastEventId: string | null;
  /** Only this key's events (the key page); all of Cache Lab's keys when absent. */
  key?: string;
  signal: AbortSignal;
}

const encoder = new TextEncoder();

function frame(entry: StreamEntry): string {
  const event = entry.kind === 'key' ? 'key' : 'gap';
  return `id: ${entry.id}\nevent: ${event}\ndata: ${JSON.stringify(entry.data)}\n\n`;
}

/**
 * Server-Sent Events: each key event as `event: key`, a `gap` when events may have been missed,
 * a heartbeat comment every STREAM_HEARTBEAT_SECONDS. Every client listens to the process's one
 * bus: forty browsers cost Redis nothing more than one.
 */
export function openEventStream({ bus, lastEventId, key, signal }: StreamRequest): ReadableStream<Uint8Array> {
  if (bus.clients >= env.STREAM_MAX_CLIENTS) {
    throw new ApiError(503, 'too_many_streams', `This server already serves ${env.STREAM_MAX_CLIENTS} event streams (STREAM_MAX_CLIENTS); try again later.`, { 'Retry-After': '5' });
  }
  const wanted = (entry: StreamEntry) => entry.kind === 'gap' || key === undefined || entry.data.key === key;
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      // The first id lets a client resume from here even when nothing happens before it drops.
      send(`retry: 2000\nid: ${bus.lastId}\nevent: ready\ndata: {}\n\n`);
      if (lastEventId) for (const entry of bus.since(lastEventId)) if (wanted(entry)) send(frame(entry));
      const stopListening = bus.listen((entry) => wanted(entry) && send(frame(entry)));
      const heartbeat = setInterval(() => send(`: heartbeat ${new Date().toISOString()}\n\n`), env.STREAM_HEARTBEAT_SECONDS * 1000);
      cleanup = () => {
        stopListening();
        clearInterval(heartbeat);
        cleanup = () => {};
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      signal.addEventListener('abort', () => cleanup(), { once: true });
    },
    cancel() {
      cleanup();
    },
  });
}
