import { ok, route } from '@/lib/http/handler';
import { resetStats } from '@/lib/features/stats/reset';

export const POST = route({ admin: true, limit: 'admin' }, async () => ok({ deleted: await resetStats() }));
