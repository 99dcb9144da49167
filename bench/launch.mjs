#!/usr/bin/env node
// `npm run bench`: compiles bench/run.ts (and the lib/ code it measures) the way production
// code is compiled, then runs it. Not through tsx: tsx always compiles with esbuild's
// keepNames, which wraps every closure our hot path creates in an Object.defineProperty
// call, a cost that Next's compiled server code does not have and the peer libraries
// (plain JavaScript) do not pay either.
import { spawn } from 'node:child_process';
import { build } from 'esbuild';

const outfile = 'bench/results/.build/run.cjs';
await build({
  entryPoints: ['bench/run.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  // CommonJS, like Next's server chunks: `next/server` and other subpaths of packages without an
  // exports map resolve as they do there; ESM-only peers (bentocache, cache-manager) load through require(esm).
  format: 'cjs',
  target: 'node20',
  // Packages stay imports, resolved at run time like in the app (with the react-server condition below).
  packages: 'external',
  logLevel: 'warning',
  // The registry (the bench's scenario requests) reaches the leaderboard's worker, which the bench process never starts.
  logOverride: { 'empty-import-meta': 'silent' },
});

// lib/ modules import 'server-only', which only the react-server condition resolves to an empty module.
const child = spawn(process.execPath, ['--conditions=react-server', outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
