import { apiData } from '../api/client';

export interface Received<T> {
  data: T;
  /** When this browser got it: countdowns start from here, so the two clocks never need to agree. */
  receivedAt: number;
}

/** GET an endpoint that answers `{ data }`, noting when the answer arrived. */
export async function fetchReceived<T>(url: string): Promise<Received<T>> {
  return { data: await apiData<T>(url), receivedAt: Date.now() };
}
