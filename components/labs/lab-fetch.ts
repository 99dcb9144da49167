'use client';

import { adminFetch } from '../admin-token';
import { errorMessage } from '../scenario/use-scenario-request';

/** A lab mutation (admin): unwraps `{ data }`, or throws the server's sentence; AdminTokenRequired passes through. */
export async function labAction<T>(url: string, method: 'POST' | 'DELETE', body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await adminFetch(url, { method, cache: 'no-store', headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    if (error instanceof Error && error.name === 'AdminTokenRequired') throw error;
    throw new Error('The server did not answer. Is the app still running?');
  }
  const parsed: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new Error(errorMessage(parsed, response.status));
  return (parsed as { data: T }).data;
}
