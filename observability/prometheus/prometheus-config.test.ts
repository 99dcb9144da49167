import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';

const config = path.join(path.dirname(new URL(import.meta.url).pathname), 'prometheus.yml');
const scratch = mkdtempSync(path.join(tmpdir(), 'cachelab-promtool-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Debian's `prometheus` package brings promtool (.ci/run installs it when missing, as it does Chromium). */
const promtoolCheck = (file: string) => execFileSync('promtool', ['check', 'config', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

it('is a scrape config promtool accepts', () => {
  expect(promtoolCheck(config)).toContain('SUCCESS');
});

it('is refused by promtool once broken, so the check above means something', () => {
  const broken = path.join(scratch, 'prometheus.yml');
  writeFileSync(broken, readFileSync(config, 'utf8').replace('scrape_interval: 5s', 'scrape_interval: soon'));
  expect(() => promtoolCheck(broken)).toThrow(/soon/);
});
