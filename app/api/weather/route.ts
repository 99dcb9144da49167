import { ok, route } from '@/lib/http/handler';
import { cityList } from '@/lib/scenarios/weather/scenario';

/** The cities a forecast exists for: slug (the URL and key segment), name, country. */
export const GET = route({}, async () => ok({ cities: cityList() }));
