'use client';

import useSWR from 'swr';
import type { RoomView } from '@/lib/classroom/types';
import { errorMessage } from '../scenario/use-scenario-request';

export class RoomGone extends Error {}

async function fetchRoom(url: string): Promise<RoomView> {
  const response = await fetch(url, { cache: 'no-store' });
  const body: unknown = await response.json();
  if (response.status === 404) throw new RoomGone(errorMessage(body, 404));
  if (!response.ok) throw new Error(errorMessage(body, response.status));
  return (body as { data: RoomView }).data;
}

/** The room's live view, polled every second (paused while the tab is hidden); `student` adds that student's own figures. */
export function useRoom(code: string, student: string | null = null) {
  const url = `/api/classroom/rooms/${code}${student ? `?student=${encodeURIComponent(student)}` : ''}`;
  const { data, error, mutate } = useSWR<RoomView, Error>(url, fetchRoom, {
    refreshInterval: 1000,
    revalidateOnFocus: true,
    shouldRetryOnError: (failure: Error) => !(failure instanceof RoomGone),
  });
  return { view: data, error, gone: error instanceof RoomGone, refresh: mutate };
}
