import { NextResponse } from 'next/server';
import { route } from '@/lib/http/handler';
import { parseQuery } from '@/lib/http/validate';
import { cityList } from '@/lib/scenarios/weather/scenario';

/** The cities a forecast exists for: slug (the URL and key segment), name, country. */
export const GET = route(async (request) => {
  parseQuery(request);
  return NextResponse.json({ data: { cities: cityList() } });
});
