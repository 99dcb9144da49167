import 'server-only';
import { hostname } from 'node:os';
import { env } from '../core/env';

/** Which app instance wrote an entry or served a page: NEXT_CACHE_INSTANCE, else hostname:pid. */
export const instanceName = (): string => env.NEXT_CACHE_INSTANCE ?? `${hostname()}:${process.pid}`;
