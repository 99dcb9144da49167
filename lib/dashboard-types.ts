/** Moved to lib/contracts/dashboard.ts (kept so imports of this path keep working until they are renamed). */
export * from './contracts/dashboard';
