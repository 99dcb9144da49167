#!/usr/bin/env node
// Compiles bench/hit-probe.ts like bench/launch.mjs compiles the bench (esbuild, CommonJS, no keepNames), then runs it.
import { spawn } from 'node:child_process';
import { build } from 'esbuild';

const outfile = 'bench/results/.build/hit-probe.cjs';
await build({ entryPoints: ['bench/hit-probe.ts'], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', packages: 'external', logLevel: 'warning', logOverride: { 'empty-import-meta': 'silent' } });
const runner = process.env.PROBE_UNDER ? process.env.PROBE_UNDER.split(' ') : [];
const [command, ...prefix] = runner.length > 0 ? runner : [process.execPath];
const child = spawn(command, [...prefix, ...(runner.length > 0 ? [process.execPath] : []), ...(process.env.PROBE_NODE_FLAGS ?? '').split(' ').filter(Boolean), '--conditions=react-server', outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
