import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Native or CommonJS-heavy server packages stay plain `require`s instead of being bundled.
  serverExternalPackages: ['ioredis', 'ioredis-mock', 'better-sqlite3', 'vader-sentiment', 'prom-client', 'rate-limiter-flexible'],
  poweredByHeader: false,
};

export default nextConfig;
