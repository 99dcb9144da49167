import { ok } from '@/lib/http/handler';
import { labStatus } from '@/lib/features/labs/status';
import { labRoute } from './lab-route';

/** Whether a lab Redis is there, where, and whether a lab run is using it. */
export const GET = labRoute({}, async () => ok(await labStatus()));
