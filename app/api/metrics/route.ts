import { route } from '@/lib/http/handler';
import { prometheusMetrics } from '@/lib/server/prometheus';

export const GET = route({}, async () => {
  const { contentType, body } = await prometheusMetrics();
  return new Response(body, { headers: { 'Content-Type': contentType } });
});
