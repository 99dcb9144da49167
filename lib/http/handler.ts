import 'server-only';
import type { NextRequest } from 'next/server';
import { toErrorResponse } from './errors';

type Handler<C> = (request: NextRequest, context: C) => Promise<Response>;

/** Every route handler goes through this: one error shape, never an unhandled rejection. */
export function route<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}
