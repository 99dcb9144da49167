import { ok } from '@/lib/http/handler';
import { failureLab } from '@/lib/features/labs/failure-lab';
import { faultRequest } from '@/lib/features/labs/fault-request';
import { labRoute } from '../lab-route';

/** The failure lab live: its traffic as the app saw it (breaker, bypasses, latency), and each fault with its recovery. */
export const GET = labRoute({}, async () => ok(await failureLab().snapshot()));

export const POST = labRoute({ admin: true, limit: 'admin', body: faultRequest }, async ({ body }) => {
  const lab = failureLab();
  await lab.handle(body);
  return ok(await lab.snapshot());
});
