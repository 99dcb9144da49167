import { NextResponse } from 'next/server';
import { requireAdmin } from '@/lib/http/admin';
import { ApiError } from '@/lib/http/errors';
import { route } from '@/lib/http/handler';
import { limitRequest } from '@/lib/http/rate-limit';
import { parseQuery } from '@/lib/http/validate';
import { enableNotifications, notificationStatus } from '@/lib/keylife/hub';

export const dynamic = 'force-dynamic';

/** Whether Redis sends the keyspace notifications the key pages need, and what is missing. */
export const GET = route(async (request) => {
  parseQuery(request);
  return NextResponse.json({ data: await notificationStatus() }, { headers: { 'Cache-Control': 'no-store' } });
});

/** Adds the missing classes to notify-keyspace-events (CONFIG SET); a refusal is explained (409). */
export const POST = route(async (request) => {
  await limitRequest(request, 'admin');
  requireAdmin(request);
  parseQuery(request);
  const result = await enableNotifications();
  if (result.flags === null) throw new ApiError(409, 'config_refused', result.refusal);
  return NextResponse.json({ data: await notificationStatus() });
});
