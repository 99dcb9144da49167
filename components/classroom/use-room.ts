'use client';

import useSWR from 'swr';
import type { RoomView } from '@/lib/features/classroom/types';
import { ApiRequestError, fetchData } from '../api/client';

const isGone = (error: unknown) => error instanceof ApiRequestError && error.status === 404;

/** The room's live view, polled every second (paused while the tab is hidden); `student` adds that student's own figures. */
export function useRoom(code: string, student: string | null = null) {
  const url = `/api/classroom/rooms/${code}${student ? `?student=${encodeURIComponent(student)}` : ''}`;
  const { data, error, mutate } = useSWR<RoomView, Error>(url, fetchData<RoomView>, {
    refreshInterval: 1000,
    revalidateOnFocus: true,
    shouldRetryOnError: (failure: Error) => !isGone(failure),
  });
  return { view: data, error, gone: isGone(error), refresh: mutate };
}
