import { NextResponse } from 'next/server';
import { z } from 'zod';
import { STRATEGIES } from '@/lib/cache';
import { readStrategy, writeStrategy } from '@/lib/cache/strategy-setting';
import { requireAdmin } from '@/lib/http/admin';
import { readJsonBody } from '@/lib/http/body';
import { route } from '@/lib/http/handler';
import { scenarioParam } from '@/lib/http/scenario-param';
import { parseInput } from '@/lib/http/validate';

type Context = { params: Promise<{ scenario: string }> };

const strategyBody = z.strictObject({ strategy: z.enum(STRATEGIES) });

export const GET = route<Context>(async (_request, { params }) => {
  const scenario = scenarioParam((await params).scenario);
  const strategy = await readStrategy(scenario.id);
  return NextResponse.json({ data: { scenario: scenario.id, strategy } }, { headers: { 'Cache-Control': 'no-store' } });
});

export const PUT = route<Context>(async (request, { params }) => {
  requireAdmin(request);
  const scenario = scenarioParam((await params).scenario);
  const { strategy } = parseInput(strategyBody, await readJsonBody(request));
  await writeStrategy(scenario.id, strategy);
  return NextResponse.json({ data: { scenario: scenario.id, strategy } });
});
