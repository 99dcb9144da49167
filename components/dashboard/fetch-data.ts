import { errorMessage } from '../scenario/use-scenario-request';

/** An API answer that was not 2xx: its status and error code drive the live indicator. */
export class ApiFetchError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Received<T> {
  data: T;
  /** When this browser got it: countdowns start from here, so the two clocks never need to agree. */
  receivedAt: number;
}

/** GET an endpoint that answers `{ data }`. */
export async function fetchData<T>(url: string): Promise<Received<T>> {
  const response = await fetch(url, { cache: 'no-store' });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const code = (body as { error?: { code?: string } } | null)?.error?.code ?? 'http_error';
    throw new ApiFetchError(response.status, code, errorMessage(body, response.status));
  }
  return { data: (body as { data: T }).data, receivedAt: Date.now() };
}

/** DELETE or POST a dashboard action; resolves to the answer's data, or throws its message. */
export async function sendAction<T>(url: string, method: 'DELETE' | 'POST'): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { method });
  } catch {
    throw new Error('The server did not answer.');
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new Error(errorMessage(body, response.status));
  return (body as { data: T }).data;
}
