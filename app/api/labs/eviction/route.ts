import { NextResponse } from 'next/server';
import { requireAdmin } from '@/lib/http/admin';
import { readJsonBody } from '@/lib/http/body';
import { parseInput } from '@/lib/http/validate';
import { evictionRequest } from '@/lib/labs/eviction-config';
import { latestEviction, startEviction } from '@/lib/labs/eviction-runs';
import { labRoute } from '../lab-route';

const noStore = { 'Cache-Control': 'no-store' };

/** The latest eviction run on this instance, so a reloaded page finds it again. */
export const GET = labRoute(async () => {
  return NextResponse.json({ data: latestEviction()?.snapshot() ?? null }, { headers: noStore });
});

export const POST = labRoute(async (request) => {
  requireAdmin(request);
  const config = parseInput(evictionRequest, await readJsonBody(request));
  const run = await startEviction(config);
  return NextResponse.json({ data: run.snapshot() }, { status: 202, headers: { ...noStore, Location: `/api/labs/eviction/${run.id}` } });
});
