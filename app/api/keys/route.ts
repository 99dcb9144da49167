import { requireAdmin } from '@/lib/http/admin';
import { keyQuery, keysQuery } from '@/lib/http/dashboard-queries';
import { parseQuery } from '@/lib/http/validate';
import { route } from '@/lib/http/handler';
import { limitRequest } from '@/lib/http/rate-limit';
import { listKeys } from '@/lib/keyspace/browse';
import { deleteKey } from '@/lib/keyspace/entry';
import { NextResponse } from 'next/server';

export const dynamic = 'force-dynamic';

export const GET = route(async (request) => {
  const { scenario, match, cursor } = parseQuery(request, keysQuery);
  const page = await listKeys({ scenario: scenario || undefined, match, cursor });
  return NextResponse.json({ data: page }, { headers: { 'Cache-Control': 'no-store' } });
});

export const DELETE = route(async (request) => {
  await limitRequest(request, 'admin');
  requireAdmin(request);
  const { key } = parseQuery(request, keyQuery);
  return NextResponse.json({ data: { key, deleted: await deleteKey(key) } });
});
