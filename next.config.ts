import type { NextConfig } from 'next';

/**
 * Security headers on every response, pages and API alike. The CSP keeps 'unsafe-inline' for
 * scripts and styles because Next.js inlines its bootstrap scripts and React style attributes
 * and nonces would force every page to render per request; 'unsafe-eval' only in `next dev`,
 * where React needs it for its error overlays (Next.js docs, "Content Security Policy").
 */
const isDev = process.env.NODE_ENV === 'development';
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ''}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const securityHeaders = [
  { key: 'Content-Security-Policy', value: contentSecurityPolicy },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

const nextConfig: NextConfig = {
  // Native or CommonJS-heavy server packages stay plain `require`s instead of being bundled.
  // The OpenTelemetry SDK too: its instrumentations patch `require`, and one copy serves every module graph.
  serverExternalPackages: [
    'ioredis',
    'ioredis-mock',
    'better-sqlite3',
    'vader-sentiment',
    'prom-client',
    'rate-limiter-flexible',
    '@opentelemetry/api',
    '@opentelemetry/sdk-trace-node',
    '@opentelemetry/exporter-trace-otlp-http',
    '@opentelemetry/exporter-trace-otlp-proto',
    '@opentelemetry/instrumentation',
    '@opentelemetry/instrumentation-ioredis',
    '@opentelemetry/resources',
  ],
  poweredByHeader: false,
  headers: async () => [{ source: '/:path*', headers: securityHeaders }],
};

export default nextConfig;
