/**
 * An error the client caused or may act on; its message is safe to show. Domain modules throw it
 * (an unknown city, a player that does not exist) without knowing about HTTP routing: lib/http
 * turns it into the one error shape `{ error: { code, message } }`.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
