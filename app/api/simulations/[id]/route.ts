import { NextResponse } from 'next/server';
import { requireAdmin } from '@/lib/http/admin';
import { route } from '@/lib/http/handler';
import { findSimulation } from '@/lib/simulator/manager';

type Context = { params: Promise<{ id: string }> };

const noStore = { 'Cache-Control': 'no-store' };

/** Progress, live figures and, once finished, the result of one run. */
export const GET = route<Context>(async (_request, { params }) => {
  const run = findSimulation((await params).id);
  return NextResponse.json({ data: run.snapshot() }, { headers: noStore });
});

/** Cancels a run: nothing more is sent; requests in flight finish and are counted. */
export const DELETE = route<Context>(async (request, { params }) => {
  requireAdmin(request);
  const run = findSimulation((await params).id);
  run.cancel();
  await run.finished;
  return NextResponse.json({ data: run.snapshot() }, { headers: noStore });
});
