import { NextResponse } from 'next/server';
import { requireAdmin } from '@/lib/http/admin';
import { findEviction } from '@/lib/labs/eviction-runs';
import { labRoute } from '../../lab-route';

type Context = { params: Promise<{ id: string }> };

const noStore = { 'Cache-Control': 'no-store' };

/** Progress and results of one run: per policy, the steady-state hit ratio beside theory, and its samples. */
export const GET = labRoute<Context>(async (_request, { params }) => {
  const run = findEviction((await params).id);
  return NextResponse.json({ data: run.snapshot() }, { headers: noStore });
});

/** Cancels a run: nothing more is sent; the policy running now ends with what it measured. */
export const DELETE = labRoute<Context>(async (request, { params }) => {
  requireAdmin(request);
  const run = findEviction((await params).id);
  run.cancel();
  await run.finished;
  return NextResponse.json({ data: run.snapshot() }, { headers: noStore });
});
