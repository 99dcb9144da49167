import { NextResponse } from 'next/server';
import { keyQuery } from '@/lib/http/dashboard-queries';
import { route } from '@/lib/http/handler';
import { parseQuery } from '@/lib/http/validate';
import { keyTimeline } from '@/lib/keylife/read';

export const dynamic = 'force-dynamic';

/** One cache key's life, oldest first: stored, hits, TTL zero, expired / evicted / deleted, stored again. */
export const GET = route(async (request) => {
  const { key } = parseQuery(request, keyQuery);
  return NextResponse.json({ data: await keyTimeline(key) }, { headers: { 'Cache-Control': 'no-store' } });
});
