import { requireAdmin } from '@/lib/http/admin';
import { parseQuery } from '@/lib/http/validate';
import { route } from '@/lib/http/handler';
import { limitRequest } from '@/lib/http/rate-limit';
import { flushScenario } from '@/lib/keyspace/entry';
import { NextResponse } from 'next/server';

type Context = { params: Promise<{ scenario: string }> };

export const DELETE = route<Context>(async (request, { params }) => {
  await limitRequest(request, 'admin');
  requireAdmin(request);
  parseQuery(request);
  const { scenario } = await params;
  return NextResponse.json({ data: { scenario, deleted: await flushScenario(scenario) } });
});
