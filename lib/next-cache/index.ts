export { nextCacheEvents } from './events';
export { NEXT_METRIC } from './metric';
export { instanceName } from './instance';
export { listEntries } from './list';
export { durationsOf, invalidateTag, revalidatePathTags } from './invalidate';
export { registerNextCache } from './register';
