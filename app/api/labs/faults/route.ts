import { NextResponse } from 'next/server';
import { requireAdmin } from '@/lib/http/admin';
import { readJsonBody } from '@/lib/http/body';
import { parseInput } from '@/lib/http/validate';
import { failureLab } from '@/lib/labs/failure-lab';
import { faultRequest } from '@/lib/labs/fault-request';
import { labRoute } from '../lab-route';

const noStore = { 'Cache-Control': 'no-store' };

/** The failure lab live: its traffic as the app saw it (breaker, bypasses, latency), and each fault with its recovery. */
export const GET = labRoute(async () => {
  return NextResponse.json({ data: await failureLab().snapshot() }, { headers: noStore });
});

export const POST = labRoute(async (request) => {
  requireAdmin(request);
  const lab = failureLab();
  await lab.handle(parseInput(faultRequest, await readJsonBody(request)));
  return NextResponse.json({ data: await lab.snapshot() }, { headers: noStore });
});
