import { describe, expect, it } from 'vitest';
import { encodeEnvelope, ENVELOPE_TAIL_BYTES, envelopeMetaFromTail } from './envelope';

const tailOf = (text: string) => Buffer.from(text).subarray(-ENVELOPE_TAIL_BYTES).toString();

describe('envelopeMetaFromTail', () => {
  it('reads storedAt and the expiry kind from the end of a large value', () => {
    const stored = encodeEnvelope({ rows: 'x'.repeat(100_000) }, { storedAt: 1_700_000_000_123, computeMs: 2.5, expiry: 'absolute' });
    expect(envelopeMetaFromTail(tailOf(stored))).toEqual({ storedAt: 1_700_000_000_123, expiry: 'absolute' });
  });

  it('is not fooled by the same text inside the value, which comes first', () => {
    const stored = encodeEnvelope({ note: '"expiry":"absolute","storedAt":1' }, { storedAt: 42, computeMs: 1, expiry: 'ttl' });
    expect(envelopeMetaFromTail(tailOf(stored))).toEqual({ storedAt: 42, expiry: 'ttl' });
  });

  it('gives nulls for values that are not envelopes', () => {
    expect(envelopeMetaFromTail('plain text')).toEqual({ storedAt: null, expiry: null });
  });
});
