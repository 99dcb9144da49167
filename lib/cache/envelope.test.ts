import { describe, expect, it } from 'vitest';
import { decodeEnvelope, encodeEnvelope, remainingMs } from './envelope';

const isText = (value: unknown): value is string => typeof value === 'string';

describe('the stored envelope', () => {
  it('carries its expiry, so a hit knows its remaining lifetime without asking Redis', () => {
    const raw = encodeEnvelope('hello', { storedAt: 1_000, computeMs: 5, expiry: 'ttl', expiresAt: 61_000 });
    const envelope = decodeEnvelope(raw, isText);
    expect(envelope).toMatchObject({ v: 'hello', expiresAt: 61_000 });
    expect(remainingMs(envelope!, 1_500)).toBe(59_500);
    expect(remainingMs(envelope!, 70_000)).toBe(0);
  });

  it('still reads entries written before expiresAt existed, with an unknown lifetime', () => {
    const raw = JSON.stringify({ cachelab: 1, v: 'old', storedAt: 1, computeMs: 1, expiry: 'absolute' });
    const envelope = decodeEnvelope(raw, isText);
    expect(envelope?.v).toBe('old');
    expect(remainingMs(envelope!)).toBeNull();
  });

  it('rejects an expiresAt that is not a number', () => {
    const raw = JSON.stringify({ cachelab: 1, v: 'x', storedAt: 1, computeMs: 1, expiry: 'ttl', expiresAt: 'tomorrow' });
    expect(decodeEnvelope(raw, isText)).toBeNull();
  });
});
