import { mkdirSync, mkdtempSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { build, NEXT_BIN, sourceFingerprint, staleReason } from './build-stamp.mjs';

/**
 * A throw-away project: a few sources and a stand-in for `next build` (the real one takes a minute and is
 * exercised by `npm test`'s own build); the stand-in writes .next/BUILD_ID, or fails, or edits a source mid-build.
 */
const FAKE_NEXT = `
const fs = require('node:fs');
const mode = process.env.FAKE_BUILD ?? 'ok';
if (mode === 'fail') process.exit(1);
fs.mkdirSync('.next', { recursive: true });
fs.writeFileSync('.next/BUILD_ID', 'fake');
if (mode === 'edit') fs.writeFileSync('lib/a.ts', 'export const a = 2;');
`;

let root: string;
const write = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
};
const quietBuild = (mode = 'ok') => build(root, { env: { ...process.env, FAKE_BUILD: mode }, stdio: 'ignore' });

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'cachelab-stamp-'));
  write('lib/a.ts', 'export const a = 1;');
  write('app/page.tsx', 'export default function Page() { return null; }');
  write('package-lock.json', '{"lockfileVersion":3}');
  write(NEXT_BIN, FAKE_NEXT);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('staleReason', () => {
  it('asks for a build when there is none, or when it carries no stamp (made by plain `next build`)', () => {
    expect(staleReason(root)).toBe('no production build yet');
    write('.next/BUILD_ID', 'by hand');
    expect(staleReason(root)).toBe('the production build does not record which sources it was made of');
  });

  it('is satisfied right after a build, and stays so when only mtimes change (a checkout, a copy)', () => {
    expect(quietBuild()).toBe(0);
    expect(staleReason(root)).toBeNull();
    const later = new Date(Date.now() + 3_600_000);
    utimesSync(path.join(root, 'lib/a.ts'), later, later);
    expect(staleReason(root)).toBeNull();
  });

  it.each([
    ['a source edited', () => write('lib/a.ts', 'export const a = 3;')],
    ['a source added', () => write('components/b.tsx', 'export const b = 1;')],
    ['a source removed', () => rmSync(path.join(root, 'app/page.tsx'))],
    ['a source renamed, same content', () => renameSync(path.join(root, 'lib/a.ts'), path.join(root, 'lib/c.ts'))],
    ['the lock file changed (a pull that moved a dependency)', () => write('package-lock.json', '{"lockfileVersion":3,"x":1}')],
    ['a public asset added', () => write('public/shot.png', 'png')],
  ])('rebuilds after %s', (_, change) => {
    quietBuild();
    change();
    expect(staleReason(root)).toBe('the sources changed since the last build');
  });

  it('ignores what is not built: test files, e2e specs, docs', () => {
    quietBuild();
    write('lib/a.test.ts', 'test');
    write('e2e/home.spec.ts', 'spec');
    write('docs/engine.md', '# engine');
    expect(staleReason(root)).toBeNull();
  });

  it('goes back to fresh when an edit is undone (content, not time)', () => {
    quietBuild();
    write('lib/a.ts', 'export const a = 9;');
    expect(staleReason(root)).not.toBeNull();
    write('lib/a.ts', 'export const a = 1;');
    expect(staleReason(root)).toBeNull();
  });
});

describe('build', () => {
  it('leaves no stamp when the build fails, not even the last good one: the next start tries again', () => {
    expect(quietBuild()).toBe(0);
    expect(staleReason(root)).toBeNull();
    expect(quietBuild('fail')).toBe(1);
    expect(staleReason(root)).toBe('the production build does not record which sources it was made of');
  });

  it('fingerprints the sources before building: a file edited during the build makes the next start rebuild', () => {
    const before = sourceFingerprint(root);
    expect(quietBuild('edit')).toBe(0);
    expect(sourceFingerprint(root)).not.toBe(before);
    expect(staleReason(root)).toBe('the sources changed since the last build');
  });
});
