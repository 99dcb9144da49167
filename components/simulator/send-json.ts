'use client';

import { errorMessage } from '../scenario/use-scenario-request';

export type Sent<T> = { ok: true; data: T } | { ok: false; status: number; message: string };

/** Calls a JSON API and unwraps `{ data }`, or says in one sentence what went wrong. */
export async function sendJson<T>(url: string, init: RequestInit = {}): Promise<Sent<T>> {
  try {
    const response = await fetch(url, {
      ...init,
      cache: 'no-store',
      headers: init.body ? { 'content-type': 'application/json', ...init.headers } : init.headers,
    });
    const body: unknown = await response.json();
    if (!response.ok) return { ok: false, status: response.status, message: errorMessage(body, response.status) };
    return { ok: true, data: (body as { data: T }).data };
  } catch {
    return { ok: false, status: 0, message: 'The server did not answer. Is the app still running?' };
  }
}

/** SWR fetcher for `{ data }` endpoints: throws the server's sentence so SWR keeps it as the error. */
export async function fetchData<T>(url: string): Promise<T> {
  const sent = await sendJson<T>(url);
  if (!sent.ok) throw new Error(sent.message);
  return sent.data;
}
