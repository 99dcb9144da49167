import { NextResponse } from 'next/server';
import { labStatus } from '@/lib/labs/status';
import { labRoute } from './lab-route';

/** Whether a lab Redis is there, where, and whether a lab run is using it. */
export const GET = labRoute(async () => {
  return NextResponse.json({ data: await labStatus() }, { headers: { 'Cache-Control': 'no-store' } });
});
