import 'server-only';
import { ClassroomError } from '@/lib/classroom/errors';
import { ApiError } from '@/lib/http/errors';

/** Room work whose own errors (not found, full, taken…) become the one API error shape. */
export async function roomWork<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ClassroomError) throw new ApiError(error.status, error.code, error.message);
    throw error;
  }
}
