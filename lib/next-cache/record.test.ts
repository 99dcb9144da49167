import { describe, expect, it } from 'vitest';
import { decodeHeader, decodeRecord, decodeRecordBytes, encodeRecord } from './record';

const header = { kind: 'use-cache' as const, key: 'k', tags: ['t'], timestamp: 1000.5, revalidate: 60, expire: 600, stale: 30, instance: 'test:1' };

/** A record is read back the same from the text the near cache holds and from the bytes a GET returns. */
describe('the stored record', () => {
  for (const [what, value] of [
    ['UTF-8 text', Buffer.from('0:{"a":"é — ✓"}\n1:["x"]')],
    ['binary', Buffer.from([0, 255, 10, 13, 128, 0x0a, 200, 1])],
  ] as const) {
    it(`round-trips ${what} through both decoders`, () => {
      const raw = encodeRecord(header, value);
      for (const record of [decodeRecord(raw), decodeRecordBytes(Buffer.from(raw, 'utf8'))]) {
        expect(record?.header).toMatchObject({ ...header, size: value.byteLength });
        expect(record?.value.equals(value)).toBe(true);
      }
      expect(decodeHeader(raw)?.encoding).toBe(what === 'binary' ? 'base64' : 'utf8');
    });
  }

  it('anything else under the key is not a record', () => {
    expect(decodeRecord('plain text')).toBeNull();
    expect(decodeRecordBytes(Buffer.from('{"no":"header"}\nvalue'))).toBeNull();
    expect(decodeRecord(null)).toBeNull();
  });
});
