import { requireAdmin } from '@/lib/http/admin';
import { noQuery, parseQuery } from '@/lib/http/dashboard-queries';
import { route } from '@/lib/http/handler';
import { flushScenario } from '@/lib/keyspace/entry';
import { NextResponse } from 'next/server';

type Context = { params: Promise<{ scenario: string }> };

export const DELETE = route<Context>(async (request, { params }) => {
  requireAdmin(request);
  parseQuery(noQuery, request);
  const { scenario } = await params;
  return NextResponse.json({ data: { scenario, deleted: await flushScenario(scenario) } });
});
