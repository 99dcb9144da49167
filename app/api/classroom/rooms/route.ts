import { createRoom } from '@/lib/features/classroom/rooms';
import { ok, route } from '@/lib/http/handler';

/** Opens a room (a teacher action: admin). */
export const POST = route({ admin: true, limit: 'admin' }, async () => ok(await createRoom(), { status: 201 }));
