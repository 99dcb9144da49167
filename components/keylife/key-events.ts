'use client';

import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import type { KeyEvent, StreamGap } from '@/lib/features/keylife/types';

export type StreamState = 'connecting' | 'live' | 'reconnecting';
type Handler = { onEvent?: (event: KeyEvent) => void; onGap?: (gap: StreamGap) => void; onState?: (state: StreamState) => void };

interface Shared {
  source: EventSource;
  handlers: Set<Handler>;
  state: StreamState;
}

/** One EventSource per tab and filter, however many panels listen: a browser costs the server one stream. */
const streams = new Map<string, Shared>();

function open(url: string): Shared {
  const existing = streams.get(url);
  if (existing) return existing;
  const source = new EventSource(url);
  const shared: Shared = { source, handlers: new Set(), state: 'connecting' };
  const setState = (state: StreamState) => {
    shared.state = state;
    shared.handlers.forEach((handler) => handler.onState?.(state));
  };
  source.addEventListener('ready', () => setState('live'));
  // EventSource reconnects by itself (after `retry:`), sending Last-Event-ID: the server replays what was missed.
  source.addEventListener('error', () => setState('reconnecting'));
  source.addEventListener('key', (message) => {
    const event = JSON.parse((message as MessageEvent<string>).data) as KeyEvent;
    shared.handlers.forEach((handler) => handler.onEvent?.(event));
  });
  source.addEventListener('gap', (message) => {
    const gap = JSON.parse((message as MessageEvent<string>).data) as StreamGap;
    shared.handlers.forEach((handler) => handler.onGap?.(gap));
  });
  streams.set(url, shared);
  return shared;
}

/**
 * Key events pushed by the server (GET /api/stream), for one key or all of them, and the
 * stream's state. The handlers may change every render; the stream stays open while mounted.
 */
export function useKeyEvents(handlers: Handler, key?: string): StreamState {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  const url = key === undefined ? '/api/stream' : `/api/stream?key=${encodeURIComponent(key)}`;
  const subscribe = useCallback(
    (notify: () => void) => {
      const shared = open(url);
      const relay: Handler = { onEvent: (event) => latest.current.onEvent?.(event), onGap: (gap) => latest.current.onGap?.(gap), onState: notify };
      shared.handlers.add(relay);
      return () => {
        shared.handlers.delete(relay);
        if (shared.handlers.size === 0) {
          shared.source.close();
          streams.delete(url);
        }
      };
    },
    [url],
  );
  return useSyncExternalStore(subscribe, () => streams.get(url)?.state ?? 'connecting', () => 'connecting');
}
