#!/usr/bin/env node
// `npm start`: build first when there is no production build or it is not of the sources on disk (after a pull, an
// edit, an `npm install` that changed the lock file), then serve it on $PORT (default 3000).
import { spawn } from 'node:child_process';
import { build, NEXT_BIN, staleReason } from './build-stamp.mjs';

const env = { NEXT_TELEMETRY_DISABLED: '1', ...process.env };

const reason = staleReason('.');
if (reason) {
  console.log(`[cachelab] ${reason}: running \`next build\` first (about a minute)…`);
  const status = build('.', { env });
  if (status !== 0) process.exit(status);
}

const port = process.env.PORT ?? '3000';
const server = spawn(process.execPath, [NEXT_BIN, 'start', '--port', port], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
