/**
 * The layers, checked (npm run lint:deps, part of npm test). An arrow only points down:
 *
 *   app/ · components/                      pages, route handlers, client UI
 *   lib/http · lib/server · lib/telemetry   route rules; composition root (health, metrics, wiring)
 *   lib/features/<one each>                 key life, stats, simulator, labs, classroom, key browser
 *   lib/workload                            load generation the simulator and the labs share
 *   lib/scenarios · lib/next-cache          the engine's consumers
 *   lib/cache                               the engine
 *   lib/core                                Redis client, env, errors, circuit, deadlines
 *   lib/shared · lib/contracts              browser-safe helpers and shapes, usable by every layer
 *
 * Features hear the engine through its observers (lib/cache/observers.ts), never each other.
 */
const layer = (name, folders) => ({ name, path: `^lib/(${folders.join('|')})/` });
const ABOVE_CACHE = ['features', 'scenarios', 'next-cache', 'workload', 'http', 'server', 'telemetry'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A circle of imports makes its members one module that cannot be read, tested or reused alone.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-is-the-floor',
      severity: 'error',
      comment: 'lib/core (Redis, env, errors) stands on nothing of ours but the browser-safe helpers.',
      from: { path: '^lib/core/' },
      to: { path: '^(lib/(?!core/|shared/|contracts/|testing/)|app/|components/)' },
    },
    {
      name: 'cache-stands-alone',
      severity: 'error',
      comment: 'The engine imports only lib/core and itself: features, scenarios and handlers listen to it, it calls none of them.',
      from: { path: '^lib/cache/', pathNot: '\\.test\\.ts$' },
      to: { path: `^(lib/(${ABOVE_CACHE.join('|')})/|app/|components/)` },
    },
    {
      name: 'consumers-below-features',
      severity: 'error',
      comment: 'Scenarios and the Next.js cache handler use the engine; no feature, route rule or page.',
      from: { path: '^lib/(scenarios|next-cache)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(lib/(features|workload|http|server|telemetry)/|app/|components/)' },
    },
    {
      name: 'consumers-apart',
      severity: 'error',
      comment: 'The scenarios and the Next.js cache handler are two consumers of the engine, not of each other.',
      from: { path: '^lib/(scenarios|next-cache)/' },
      to: { path: '^lib/(scenarios|next-cache)/', pathNot: '^lib/$1/' },
    },
    {
      name: 'workload-below-features',
      severity: 'error',
      from: { path: layer('workload', ['workload']).path },
      to: { path: '^(lib/(features|http|server|telemetry)/|app/|components/)' },
    },
    {
      name: 'features-apart',
      severity: 'error',
      comment: 'A feature does not import another: what they share lives lower (lib/workload, lib/core), what they hear comes from the engine.',
      from: { path: '^lib/features/([^/]+)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^lib/features/', pathNot: '^lib/features/$1/' },
    },
    {
      name: 'features-below-http',
      severity: 'error',
      comment: 'Domain modules throw ApiError (lib/core/errors.ts); lib/http turns it into a response. (Their tests may drive them through a route.)',
      from: { path: '^lib/(features|workload|scenarios|next-cache|cache)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(lib/(http|server|telemetry)/|app/|components/)' },
    },
    {
      name: 'lib-below-the-app',
      severity: 'error',
      comment: 'Server logic never imports a page, a route or a component.',
      from: { path: '^lib/', pathNot: '\\.test\\.ts$|^lib/testing/' },
      to: { path: '^(app|components)/' },
    },
    {
      name: 'browser-safe-stays-safe',
      severity: 'error',
      comment: 'lib/shared and lib/contracts are imported by the browser: no server code behind them.',
      from: { path: '^lib/(shared|contracts)/', pathNot: '\\.test\\.ts$' },
      to: { path: 'node_modules/server-only', reachable: true },
    },
    {
      name: 'components-no-server-module',
      severity: 'error',
      comment: 'Client UI reaches no module marked server-only, not even for a type: shared shapes live in lib/contracts or a marker-free model.',
      from: { path: '^components/', pathNot: '\\.test\\.ts$' },
      to: { path: 'node_modules/server-only', reachable: true },
    },
    {
      name: 'no-test-helpers-in-production',
      severity: 'error',
      from: { pathNot: '\\.test\\.ts$|^lib/testing/|^e2e/|^bench/|^scripts/' },
      to: { path: '^lib/testing/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(\\.next|node_modules|bench/results)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
