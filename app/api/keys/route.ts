import { requireAdmin } from '@/lib/http/admin';
import { keyQuery, keysQuery, parseQuery } from '@/lib/http/dashboard-queries';
import { route } from '@/lib/http/handler';
import { listKeys } from '@/lib/keyspace/browse';
import { deleteKey } from '@/lib/keyspace/entry';
import { NextResponse } from 'next/server';

export const dynamic = 'force-dynamic';

export const GET = route(async (request) => {
  const { scenario, match, cursor } = parseQuery(keysQuery, request);
  const page = await listKeys({ scenario: scenario || undefined, match, cursor });
  return NextResponse.json({ data: page }, { headers: { 'Cache-Control': 'no-store' } });
});

export const DELETE = route(async (request) => {
  requireAdmin(request);
  const { key } = parseQuery(keyQuery, request);
  return NextResponse.json({ data: { key, deleted: await deleteKey(key) } });
});
