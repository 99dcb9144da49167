import 'server-only';
import { parseInfo } from '../../core/redis-info';
import { currentActivity } from './activity';
import { LabError } from './errors';
import { labRedis } from './lab-redis';
import type { LabStatus } from './types';

/** Whether there is a lab Redis, where, and what is running on it; opens it on first use. */
export async function labStatus(): Promise<LabStatus> {
  const active = currentActivity();
  const busy = active ? { kind: active.kind, id: active.id } : null;
  try {
    const lab = await labRedis();
    const version = lab.running ? await lab.admin.info('server').then((text) => parseInfo(text).get('redis_version') ?? null, () => null) : null;
    return { available: true, reason: null, ...lab.where, running: lab.running, version, busy };
  } catch (error) {
    if (!(error instanceof LabError)) throw error;
    return { available: false, reason: error.message, address: null, owned: false, running: false, version: null, busy };
  }
}
