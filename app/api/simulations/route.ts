import { NextResponse } from 'next/server';
import { requireAdmin } from '@/lib/http/admin';
import { readJsonBody } from '@/lib/http/body';
import { route } from '@/lib/http/handler';
import { parseInput } from '@/lib/http/validate';
import { simulationRequest } from '@/lib/simulator/config';
import { latestSimulation, startSimulation } from '@/lib/simulator/manager';

const noStore = { 'Cache-Control': 'no-store' };

/** The latest run on this instance (running or finished), so a reloaded page finds it again. */
export const GET = route(async () => {
  return NextResponse.json({ data: latestSimulation()?.snapshot() ?? null }, { headers: noStore });
});

export const POST = route(async (request) => {
  requireAdmin(request);
  const config = parseInput(simulationRequest, await readJsonBody(request));
  const run = await startSimulation(config);
  return NextResponse.json({ data: run.snapshot() }, { status: 202, headers: { ...noStore, Location: `/api/simulations/${run.id}` } });
});
