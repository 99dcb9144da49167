/**
 * The admin token for mutations (invalidate, flush, reset, simulations) when the server sets
 * ADMIN_TOKEN: entered once, kept in this tab's sessionStorage (gone when the tab closes),
 * sent as `x-admin-token`. Client-side only.
 */
const STORAGE_KEY = 'cachelab.adminToken';

/** The server refused the mutation for want of a (valid) admin token. */
export class AdminTokenRequired extends Error {
  constructor(readonly hadToken: boolean) {
    super(hadToken ? 'The admin token was not accepted.' : 'This action needs the admin token.');
    this.name = 'AdminTokenRequired';
  }
}

export function saveAdminToken(token: string): void {
  sessionStorage.setItem(STORAGE_KEY, token);
}

function storedToken(): string | null {
  return sessionStorage.getItem(STORAGE_KEY);
}

/** fetch() for mutations: adds the tab's token; throws AdminTokenRequired (and forgets a wrong token) on a 401 asking for it. */
export async function adminFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const token = storedToken();
  const headers = new Headers(init.headers);
  if (token) headers.set('x-admin-token', token);
  const response = await fetch(url, { ...init, headers });
  if (response.status === 401 && (await errorCode(response.clone())) === 'admin_token_required') {
    sessionStorage.removeItem(STORAGE_KEY);
    throw new AdminTokenRequired(token !== null);
  }
  return response;
}

async function errorCode(response: Response): Promise<string | undefined> {
  try {
    return ((await response.json()) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}
