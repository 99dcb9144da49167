#!/usr/bin/env node
// `npm start`: build once if there is no production build yet, then serve it on $PORT (default 3000).
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const env = { NEXT_TELEMETRY_DISABLED: '1', ...process.env };
const next = ['node_modules/next/dist/bin/next'];

if (!existsSync('.next/BUILD_ID')) {
  console.log('[cachelab] no production build yet: running `next build` first (about a minute)…');
  const build = spawnSync(process.execPath, [...next, 'build'], { stdio: 'inherit', env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const port = process.env.PORT ?? '3000';
const server = spawn(process.execPath, [...next, 'start', '--port', port], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
