import { ok, route } from '@/lib/http/handler';
import { getRedisInfo } from '@/lib/core/redis-info';

export const GET = route({}, async () => ok(await getRedisInfo()));
