/** A lab action that cannot be done now; `status` is the HTTP status the routes answer with, the message says why and what to do. */
export class LabError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'LabError';
  }
}
