import { z } from 'zod';
import { route } from '@/lib/http/handler';
import { keyLifeBus, startKeyLife } from '@/lib/features/keylife/hub';
import { openEventStream } from '@/lib/features/keylife/sse';

const streamQuery = z.strictObject({ key: z.string().min(1).max(1024).optional(), lastEventId: z.string().max(64).optional() });

/** Key events as they happen (Server-Sent Events), resumable with Last-Event-ID; at most STREAM_MAX_CLIENTS per process. */
export const GET = route({ query: streamQuery }, async ({ request, query: { key, lastEventId } }) => {
  await startKeyLife();
  const body = openEventStream({ bus: keyLifeBus(), lastEventId: request.headers.get('last-event-id') ?? lastEventId ?? null, key, signal: request.signal });
  return new Response(body, {
    headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' },
  });
});
