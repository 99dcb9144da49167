import 'server-only';
import Redis, { Cluster } from 'ioredis';
import { env } from '../../core/env';
import { getRedis, masterNodes, withRedis } from '../../core/redis';
import { keyLifeBus } from './bus';
import { enableNotifyClassesOn, readNotifyConfigOf, type NotifyConfig } from './notify-config';
import { keyLifeRecorder, listenToCache } from './recorder';
import { addressOf, KeyEventSubscriber } from './subscriber';
import type { KeyEventType, NotificationStatus } from './types';

const HUB = Symbol.for('cachelab.keylife.hub');

interface Hub {
  subscriber: KeyEventSubscriber | null;
  started: Promise<void> | null;
}
type Anchored = typeof globalThis & { [HUB]?: Hub };

/** One subscriber per process, however many modules graphs and stream clients there are. */
function hub(): Hub {
  const anchor = globalThis as Anchored;
  anchor[HUB] ??= { subscriber: null, started: null };
  return anchor[HUB];
}

export { keyLifeBus };

/** The embedded store sends no notifications: only what the engine itself knows is shown there. */
const EMBEDDED_MISSING: KeyEventType[] = ['expired', 'evicted'];

/**
 * Starts listening once per process (at start-up and on the first stream). REDIS_NOTIFICATIONS
 * `on` first adds the missing classes with CONFIG SET; `auto` listens to what the server sends.
 */
export function startKeyLife(): Promise<void> {
  const state = hub();
  state.started ??= (async () => {
    // What the engine knows (writes, hits, deletes) and what Redis reports, both from the start.
    listenToCache();
    const { backend, client } = await getRedis();
    if (backend === 'embedded' || env.REDIS_NOTIFICATIONS === 'off') return;
    if (env.REDIS_NOTIFICATIONS === 'on') {
      const result = await enableNotifyClassesOn(masterNodes(client));
      if (result.flags === null) console.warn(`[cachelab] REDIS_NOTIFICATIONS=on: ${result.refusal}`);
    }
    const recorder = keyLifeRecorder();
    const subscriber = new KeyEventSubscriber({
      connect: () => masterNodes(client).map(subscriberConnection),
      // A cluster has only database 0.
      db: client instanceof Cluster ? 0 : (client.options.db ?? 0), prefix: env.CACHE_PREFIX, bus: keyLifeBus(), redis: withRedis,
      reportedHere: (key, type) => recorder.reportedHere(key, type),
    });
    state.subscriber = subscriber;
    subscriber.start();
    // Each master publishes only its own keys' events: after a failover or a resharding, listen to the new masters.
    if (client instanceof Cluster) client.on('refresh', () => void followMasters(client, subscriber));
  })();
  return state.started;
}

/** Same server, database and credentials; a subscriber waits for its connection instead of failing fast. */
const subscriberConnection = (node: Redis) => node.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null, commandTimeout: undefined });

async function followMasters(client: Cluster, subscriber: KeyEventSubscriber): Promise<void> {
  const masters = masterNodes(client);
  const listened = subscriber.servers();
  const added = masters.filter((node) => !listened.has(addressOf(node)));
  if (added.length === 0 && masters.length === listened.size) return;
  // A promoted replica never had the CONFIG SET its master got.
  if (env.REDIS_NOTIFICATIONS === 'on' && added.length > 0) await enableNotifyClassesOn(added).catch(() => null);
  subscriber.follow(new Map(masters.map((node) => [addressOf(node), () => subscriberConnection(node)])));
}

/** Enables the missing classes (the admin action); a refusal comes back explained. */
export async function enableNotifications(): Promise<NotifyConfig> {
  if ((await getRedis()).backend === 'embedded') return { flags: null, refusal: 'The embedded store (no Redis found) has no keyspace notifications to enable; start Redis and set REDIS_URL.' };
  const result = await withRedis((client) => enableNotifyClassesOn(masterNodes(client)));
  await startKeyLife();
  return result;
}

export async function notificationStatus(): Promise<NotificationStatus> {
  await startKeyLife();
  const { backend } = await getRedis();
  const setting = env.REDIS_NOTIFICATIONS;
  const listening = hub().subscriber?.listening ?? false;
  if (backend === 'embedded') {
    return { backend, setting, listening: false, flags: null, missing: [], unavailable: EMBEDDED_MISSING,
      message: 'The embedded store sends no keyspace notifications: writes, hits, deletes and the TTL reaching zero come from the engine itself; Redis removing a key (expired, evicted) cannot be seen here.' };
  }
  if (setting === 'off') {
    return { backend, setting, listening: false, flags: null, missing: [], unavailable: ['expired', 'evicted'],
      message: 'REDIS_NOTIFICATIONS=off: this instance does not listen to Redis, so only its own writes, hits and deletes are shown.' };
  }
  const config = await withRedis((redis) => readNotifyConfigOf(masterNodes(redis))).catch(() => null);
  if (config === null) return { backend, setting, listening, flags: null, missing: [], unavailable: [], message: 'Redis is not answering: its notification settings cannot be read right now.' };
  if (config.flags === null) return { backend, setting, listening, flags: null, missing: [], unavailable: [], message: `notify-keyspace-events cannot be read: ${config.refusal}` };
  const unavailable = unavailableFor(config.missing);
  const message = config.missing.length === 0
    ? `Redis sends keyspace notifications (notify-keyspace-events "${config.flags}"): expiry and eviction are seen as Redis does them.`
    : `Redis' notify-keyspace-events is ${config.flags === '' ? 'empty (no notifications)' : `"${config.flags}"`} and lacks "${config.missing.join('')}": ${unavailable.join(', ')} are not reported. An admin can enable them here.`;
  return { backend, setting, listening, flags: config.flags, missing: config.missing, unavailable, message };
}

function unavailableFor(missing: string[]): KeyEventType[] {
  if (missing.includes('E')) return ['expired', 'evicted'];
  return [...(missing.includes('x') ? ['expired' as const] : []), ...(missing.includes('e') ? ['evicted' as const] : [])];
}

/** Tests: the subscriber of this process, to drop or stop it. */
export function keyLifeSubscriber(): KeyEventSubscriber | null {
  return hub().subscriber;
}

