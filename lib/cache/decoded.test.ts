import { describe, expect, it } from 'vitest';
import { DecodedEnvelopes } from './decoded';
import { encodeEnvelope } from './envelope';

const anyValue = (value: unknown): value is unknown => value !== undefined;
const meta = { freshUntil: 2_000_000_000_000, storedAt: 1_900_000_000_000, computeMs: 3000, expiry: 'ttl' as const };
const stored = (name: string) => encodeEnvelope({ name }, meta);

describe('DecodedEnvelopes', () => {
  it('reuses the decoded envelope while Redis returns the same text, and decodes a new text anew', () => {
    const memo = new DecodedEnvelopes(10, 10_000);
    const first = memo.decode('k', stored('ada'), anyValue);
    expect(memo.decode('k', stored('ada'), anyValue)).toBe(first);
    const rewritten = memo.decode('k', stored('grace'), anyValue);
    expect(rewritten?.v).toEqual({ name: 'grace' });
    expect(rewritten).not.toBe(first);
  });

  it('never serves a remembered envelope for other text under the key, and forgets it when that text is foreign', () => {
    const memo = new DecodedEnvelopes(10, 10_000);
    const first = memo.decode('k', stored('ada'), anyValue);
    expect(memo.decode('k', 'not json', anyValue)).toBeNull();
    expect(memo.decode('k', '{"cachelab":2,"v":1}', anyValue)).toBeNull();
    const again = memo.decode('k', stored('ada'), anyValue);
    expect(again).toEqual(first);
    expect(again).not.toBe(first);
  });

  it('keeps nothing when its bounds are zero, or an entry larger than its byte budget', () => {
    const off = new DecodedEnvelopes(0, 10_000);
    expect(off.decode('k', stored('ada'), anyValue)).not.toBe(off.decode('k', stored('ada'), anyValue));
    const small = new DecodedEnvelopes(10, 50);
    expect(small.decode('k', stored('ada'), anyValue)).not.toBe(small.decode('k', stored('ada'), anyValue));
  });
});
