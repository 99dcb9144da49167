import { keyQuery } from '@/lib/http/dashboard-queries';
import { parseQuery } from '@/lib/http/validate';
import { route } from '@/lib/http/handler';
import { readKeyValue } from '@/lib/keyspace/entry';
import { NextResponse } from 'next/server';

export const dynamic = 'force-dynamic';

export const GET = route(async (request) => {
  const { key } = parseQuery(request, keyQuery);
  return NextResponse.json({ data: await readKeyValue(key) }, { headers: { 'Cache-Control': 'no-store' } });
});
