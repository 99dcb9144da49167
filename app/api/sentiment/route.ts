import { NextResponse, type NextRequest } from 'next/server';
import { invalidate } from '@/lib/cache';
import { cacheKey } from '@/lib/cache/keys';
import { requireAdmin } from '@/lib/http/admin';
import { readJsonBody } from '@/lib/http/body';
import { route } from '@/lib/http/handler';
import { limitRequest } from '@/lib/http/rate-limit';
import { scenarioResponse, scenarioRunOptions } from '@/lib/http/scenario-response';
import { parseInput, parseQuery } from '@/lib/http/validate';
import { runScenario } from '@/lib/scenarios/scenario';
import { sentenceInput, sentimentBody, sentimentScenario } from '@/lib/scenarios/sentiment/scenario';

async function sentenceFrom(request: NextRequest) {
  const body = parseInput(sentimentBody, await readJsonBody(request));
  return sentenceInput(body.sentence);
}

export const POST = route(async (request) => {
  await limitRequest(request, 'scenario');
  const options = scenarioRunOptions(request);
  const input = await sentenceFrom(request);
  return scenarioResponse(await runScenario(sentimentScenario, input, options));
});

export const DELETE = route(async (request) => {
  parseQuery(request);
  await limitRequest(request, 'admin');
  requireAdmin(request);
  const key = sentimentScenario.keyOf(await sentenceFrom(request));
  return NextResponse.json({ data: { key: cacheKey(key), deleted: await invalidate(key) } });
});
