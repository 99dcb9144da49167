/** What can go wrong with a room, with the HTTP status it deserves; the routes turn it into the one error shape. */
export class ClassroomError extends Error {
  constructor(
    readonly status: 404 | 409 | 429,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ClassroomError';
  }
}

export const roomNotFound = (code: string) => new ClassroomError(404, 'room_not_found', `There is no open room ${code}: it may have expired or been closed.`);
