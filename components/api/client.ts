/**
 * The one way client components talk to the API. Every answer is `{ data }` (scenario answers
 * add `cache`) or `{ error: { code, message } }`; this module unwraps the first, turns the second
 * into an ApiRequestError, and sends the admin token kept for this tab. When a mutation is
 * refused for want of the token, it asks the visitor once (see admin-token-dialog.tsx) and
 * retries; a wrong token is forgotten and asked for again.
 */
import type { HealthResponse } from '@/lib/contracts/health';
import type { ApiErrorBody } from '@/lib/contracts/scenario';

/** An API answer that was not 2xx, or no answer at all (status 0, code `no_answer`). */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

export const TOKEN_REQUIRED = 'admin_token_required';
const STORAGE_KEY = 'cachelab.adminToken';

/** Why the visitor is asked: no token yet, or the one kept was refused. */
export type TokenReason = 'missing' | 'refused';
/** Resolves to the token typed in, or null when the visitor cancelled. */
export type TokenAsker = (reason: TokenReason) => Promise<string | null>;

let asker: TokenAsker | null = null;
let asking: Promise<string | null> | null = null;

/** The page's token dialog registers here; returns the unregister function. */
export function registerTokenAsker(ask: TokenAsker): () => void {
  asker = ask;
  return () => {
    if (asker === ask) asker = null;
  };
}

export interface ApiInit {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Sent as a JSON body. */
  json?: unknown;
  /** Statuses whose body is still the answer (health says `degraded` with a 503). */
  acceptStatus?: readonly number[];
  /** Extra request headers (a classroom student's lookups carry the room's). */
  headers?: Record<string, string>;
}

/** The whole JSON body of a 2xx answer (scenario answers: `{ data, cache }`). */
export async function apiBody<R>(url: string, init: ApiInit = {}): Promise<R> {
  let token = storedToken();
  for (;;) {
    const response = await send(url, init, token);
    const body: unknown = await response.json().catch(() => null);
    if (response.ok || init.acceptStatus?.includes(response.status)) return body as R;
    const error = toApiError(body, response.status);
    if (error.code !== TOKEN_REQUIRED) throw error;
    token = await nextToken(token, error);
  }
}

/** The `data` of a 2xx answer. */
export async function apiData<T>(url: string, init: ApiInit = {}): Promise<T> {
  return (await apiBody<{ data: T }>(url, init)).data;
}

/** SWR fetcher for GET endpoints answering `{ data }`. */
export const fetchData = <T>(url: string): Promise<T> => apiData<T>(url);

/** /api/health answers 503 with a body when degraded: read the body either way. */
export const fetchHealth = (url: string) => apiBody<HealthResponse>(url, { acceptStatus: [503] });

export function toApiError(body: unknown, status: number): ApiRequestError {
  const error = (body as Partial<ApiErrorBody> | null)?.error;
  return new ApiRequestError(status, error?.code ?? 'http_error', error?.message || `The server answered ${status}.`);
}

async function send(url: string, init: ApiInit, token: string | null): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.json !== undefined) headers.set('content-type', 'application/json');
  if (token) headers.set('x-admin-token', token);
  try {
    return await fetch(url, {
      method: init.method ?? 'GET',
      headers,
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
      cache: 'no-store',
    });
  } catch {
    throw new ApiRequestError(0, 'no_answer', 'The server did not answer. Is the app still running?');
  }
}

/**
 * The token to retry with after `refused` was not accepted. Another request of this tab may
 * have been given a newer one meanwhile: use it before asking. Several refused requests at
 * once share one question.
 */
async function nextToken(refused: string | null, error: ApiRequestError): Promise<string> {
  const kept = storedToken();
  if (kept !== null && kept !== refused) return kept;
  if (kept !== null) sessionStorage.removeItem(STORAGE_KEY);
  if (!asker) throw error;
  asking ??= asker(refused === null ? 'missing' : 'refused').finally(() => (asking = null));
  const entered = await asking;
  if (entered === null) throw new ApiRequestError(401, TOKEN_REQUIRED, 'Not done: this action needs the admin token.');
  sessionStorage.setItem(STORAGE_KEY, entered);
  return entered;
}

function storedToken(): string | null {
  return typeof sessionStorage === 'undefined' ? null : sessionStorage.getItem(STORAGE_KEY);
}

/** What to tell the visitor when a call failed: the API's own message (no answer at all is an ApiRequestError too). */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong.';
}
