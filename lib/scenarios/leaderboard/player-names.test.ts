import { expect, it } from 'vitest';
import { playerName } from './player-names';

it('generates plausible, unique, deterministic names', () => {
  const names = Array.from({ length: 20_000 }, (_, i) => playerName(i + 1));
  expect(new Set(names).size).toBe(names.length);
  for (const name of names.slice(0, 200)) expect(name).toMatch(/^[A-Z][a-z]+[A-Z][a-z]+\d{1,2}$/);
  // A pure function of the id: the same names on every machine and run.
  expect([playerName(1), playerName(2)]).toEqual(['SwiftOtter0', 'CleverYak19']);
  // Beyond the adjective × animal × 0–99 space, the number grows so names stay unique.
  expect(playerName(1)).not.toBe(playerName(1 + 32 * 32 * 100));
});
