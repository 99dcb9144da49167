/** Moved to lib/contracts/ (kept so imports of this path keep working until they are renamed). */
export * from './contracts/scenario';
export type { HealthResponse } from './contracts/health';
