import { ApiError } from '../../core/errors';

/** What can go wrong with a room, with the HTTP status it deserves (lib/http shapes it like every error). */
export class ClassroomError extends ApiError {
  constructor(status: 404 | 409 | 429, code: string, message: string) {
    super(status, code, message);
    this.name = 'ClassroomError';
  }
}

export const roomNotFound = (code: string) => new ClassroomError(404, 'room_not_found', `There is no open room ${code}: it may have expired or been closed.`);
