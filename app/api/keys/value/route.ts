import { keyQuery, parseQuery } from '@/lib/http/dashboard-queries';
import { route } from '@/lib/http/handler';
import { readKeyValue } from '@/lib/keyspace/entry';
import { NextResponse } from 'next/server';

export const dynamic = 'force-dynamic';

export const GET = route(async (request) => {
  const { key } = parseQuery(keyQuery, request);
  return NextResponse.json({ data: await readKeyValue(key) }, { headers: { 'Cache-Control': 'no-store' } });
});
