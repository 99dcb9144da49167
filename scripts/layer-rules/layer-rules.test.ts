import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = process.cwd();
const CLI = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

/** The project's own rules, run by the same CLI as `npm run lint:deps`, on a tree of our choosing. */
function violations(cwd: string, targets: string[]): Violation[] {
  let out: string;
  try {
    out = execFileSync(process.execPath, [CLI, ...targets, '--config', path.join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'json'], { cwd, encoding: 'utf8' });
  } catch (error) {
    // The CLI exits non-zero when it found errors; its JSON report is still on stdout.
    out = (error as { stdout: string }).stdout;
  }
  return (JSON.parse(out) as { summary: { violations: Violation[] } }).summary.violations;
}

describe('layer rules (.dependency-cruiser.cjs)', () => {
  it('names every deliberate bad import of the fixture, and nothing else', () => {
    const found = violations(path.join(ROOT, 'scripts/layer-rules/fixture'), ['lib', 'components']);
    // server-only resolves in the project's node_modules, above the fixture.
    const named = found.map(({ rule, from, to }) => `${rule.name}: ${from} → ${to.replace(/^(\.\.\/)+/, '')}`).sort();
    expect(named).toEqual([
      'cache-stands-alone: lib/cache/engine.ts → lib/features/keylife/recorder.ts',
      'components-no-server-module: components/widget.tsx → node_modules/server-only/index.js',
      'features-apart: lib/features/keylife/recorder.ts → lib/features/stats/read.ts',
      'no-circular: lib/scenarios/first.ts → lib/scenarios/second.ts',
    ]);
  });

  it('finds nothing in the real tree', () => {
    expect(violations(ROOT, ['lib', 'app', 'components', 'instrumentation.ts'])).toEqual([]);
  }, 60_000);
});
