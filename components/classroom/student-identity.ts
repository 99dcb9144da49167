'use client';

import { useSyncExternalStore } from 'react';
import type { JoinedStudent } from '@/lib/features/classroom/types';

/** A phone keeps its seat in a room across reloads: the id the server gave at join, per room code. */
const keyOf = (code: string) => `cachelab.classroom.${code}`;
const CHANGED = 'cachelab:classroom-student';

function subscribe(notify: () => void) {
  window.addEventListener(CHANGED, notify);
  window.addEventListener('storage', notify);
  return () => {
    window.removeEventListener(CHANGED, notify);
    window.removeEventListener('storage', notify);
  };
}

/** The stored student of this room: undefined until the browser has been asked (server render), null when none. */
export function useStoredStudent(code: string): JoinedStudent | null | undefined {
  const raw = useSyncExternalStore(
    subscribe,
    () => localStorage.getItem(keyOf(code)),
    () => undefined,
  );
  if (raw === undefined) return undefined;
  try {
    return raw ? (JSON.parse(raw) as JoinedStudent) : null;
  } catch {
    return null;
  }
}

export function saveStudent(student: JoinedStudent): void {
  localStorage.setItem(keyOf(student.code), JSON.stringify(student));
  window.dispatchEvent(new Event(CHANGED));
}
