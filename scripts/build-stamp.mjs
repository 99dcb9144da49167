// Is the production build in .next made of the sources on disk? `npm start` asks before serving, so that after a
// pull it rebuilds instead of serving yesterday's build. A SHA-256 over the build's inputs (paths and contents), not
// their mtimes: git sets mtimes at checkout, a copy or an archive resets them, and only a content change matters.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** What `next build` reads from the repository (dependencies through the lock file); test files are not built. */
export const BUILD_INPUTS = [
  'app',
  'components',
  'lib',
  'public',
  'instrumentation.ts',
  'proxy.ts',
  'middleware.ts',
  'next.config.ts',
  'postcss.config.mjs',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
];
/** Inside .next, so it goes away with the build it describes. */
const STAMP = '.next/cachelab-sources.sha256';
export const NEXT_BIN = 'node_modules/next/dist/bin/next';

const isTest = (file) => /\.test\.[cm]?[jt]sx?$/.test(file);

function collect(root, relative, files) {
  const full = path.join(root, relative);
  if (!existsSync(full)) return;
  if (!statSync(full).isDirectory()) {
    if (!isTest(relative)) files.push(relative);
    return;
  }
  // Sorted, so the fingerprint does not depend on the file system's listing order.
  for (const entry of readdirSync(full).sort()) collect(root, path.posix.join(relative, entry), files);
}

/** SHA-256 (hex) of every build input's path and content under `root`. */
export function sourceFingerprint(root) {
  const files = [];
  for (const input of BUILD_INPUTS) collect(root, input, files);
  const hash = createHash('sha256');
  for (const file of files) hash.update(file).update('\0').update(readFileSync(path.join(root, file))).update('\0');
  return hash.digest('hex');
}

/** Why the build under `root` must be made again before it is served, or null when it is of these sources. */
export function staleReason(root, fingerprint = sourceFingerprint(root)) {
  if (!existsSync(path.join(root, '.next/BUILD_ID'))) return 'no production build yet';
  const stamp = path.join(root, STAMP);
  if (!existsSync(stamp)) return 'the production build does not record which sources it was made of';
  return readFileSync(stamp, 'utf8').trim() === fingerprint ? null : 'the sources changed since the last build';
}

/**
 * `next build`, then the stamp. The fingerprint is taken before the build starts, so a file edited while it runs
 * makes the next start rebuild. The old stamp goes first: a build that fails or is interrupted (Ctrl-C) may leave
 * a half-written .next behind, which must not pass for the last good build. Returns the build's exit status.
 */
export function build(root, { env = process.env, stdio = 'inherit' } = {}) {
  const fingerprint = sourceFingerprint(root);
  rmSync(path.join(root, STAMP), { force: true });
  const result = spawnSync(process.execPath, [NEXT_BIN, 'build'], { cwd: root, env: { NEXT_TELEMETRY_DISABLED: '1', ...env }, stdio });
  const status = result.status ?? 1;
  if (status === 0) writeFileSync(path.join(root, STAMP), `${fingerprint}\n`);
  return status;
}
