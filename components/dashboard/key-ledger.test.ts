import { describe, expect, it } from 'vitest';
import type { KeyInfo } from '@/lib/contracts/dashboard';
import { isShown, mergeListing, type ListedKey } from './key-ledger';

const info = (key: string, ttlMs: number | null): KeyInfo => ({ key, readableKey: key, scenario: 'username', type: 'string', sizeBytes: 10, ttlMs, lifetimeMs: 60_000, expiry: 'ttl', slot: null, node: null });
const ledger = (...keys: ListedKey[]) => new Map(keys.map((key) => [key.key, key]));

describe('mergeListing', () => {
  it('keeps the earliest estimate of one expiry, so a slower answer does not push the countdown back', () => {
    const first = mergeListing(new Map(), [{ keys: [info('a', 60_000)], receivedAt: 1_000 }]);
    expect(first.get('a')?.expiresAt).toBe(61_000);
    const slower = mergeListing(first, [{ keys: [info('a', 58_000)], receivedAt: 3_800 }]);
    expect(slower.get('a')?.expiresAt).toBe(61_000);
    const faster = mergeListing(slower, [{ keys: [info('a', 58_000)], receivedAt: 2_500 }]);
    expect(faster.get('a')?.expiresAt).toBe(60_500);
  });

  it('takes a new expiry when the key was written again', () => {
    const before = ledger({ ...info('a', 5_000), expiresAt: 6_000 });
    expect(mergeListing(before, [{ keys: [info('a', 60_000)], receivedAt: 5_000 }]).get('a')?.expiresAt).toBe(65_000);
  });

  it('keeps a key that vanished at its expiry, as expired, and forgets it later', () => {
    const before = ledger({ ...info('soon', 1_000), expiresAt: 10_500 }, { ...info('far', 50_000), expiresAt: 60_000 });
    const after = mergeListing(before, [{ keys: [], receivedAt: 10_200 }]);
    expect(after.get('soon')?.expiresAt).toBe(10_200);
    expect(after.has('far')).toBe(false); // deleted long before its expiry: it just goes
    expect([...mergeListing(before, [{ keys: [info('a', 60_000), info('z', 60_000)], receivedAt: 10_200 }]).keys()]).toEqual(['a', 'soon', 'z']);
    expect(mergeListing(after, [{ keys: [], receivedAt: 25_000 }]).has('soon')).toBe(false);
  });

  it('shows an expired key for a short moment only', () => {
    const key = { ...info('a', 0), expiresAt: 10_000 };
    expect(isShown(key, 10_500, 1500)).toBe(true);
    expect(isShown(key, 11_600, 1500)).toBe(false);
    expect(isShown({ ...key, expiresAt: null }, 99_999_999, 1500)).toBe(true);
  });
});
