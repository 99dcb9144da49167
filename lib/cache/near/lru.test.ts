import { describe, expect, it } from 'vitest';
import { BoundedLru } from './lru';

describe('BoundedLru', () => {
  it('evicts the least recently used entry beyond the entry bound', () => {
    const lru = new BoundedLru<number>(2, 1000);
    lru.set('a', 1, 1);
    lru.set('b', 2, 1);
    expect(lru.get('a')).toBe(1); // a is now the most recently used
    lru.set('c', 3, 1);
    expect(lru.get('b')).toBeUndefined();
    expect([lru.get('a'), lru.get('c'), lru.size]).toEqual([1, 3, 2]);
  });

  it('evicts until the byte bound holds, and counts bytes exactly', () => {
    const lru = new BoundedLru<string>(100, 10);
    lru.set('a', 'x', 4);
    lru.set('b', 'y', 4);
    lru.set('c', 'z', 4);
    expect(lru.get('a')).toBeUndefined();
    expect(lru.bytes).toBe(8);
    lru.set('b', 'y2', 1); // replacing an entry replaces its size
    expect(lru.bytes).toBe(5);
    lru.delete('c');
    expect([lru.bytes, lru.size]).toEqual([1, 1]);
  });

  it('refuses an entry larger than the whole budget instead of emptying itself', () => {
    const lru = new BoundedLru<string>(10, 10);
    lru.set('a', 'small', 5);
    lru.set('huge', 'x', 11);
    expect([lru.get('a'), lru.get('huge'), lru.bytes]).toEqual(['small', undefined, 5]);
  });

  it('keeps a read entry whichever bound evicts, moving it only when it is not among the newest quarter', () => {
    const byBytes = new BoundedLru<number>(10_000, 3);
    for (const key of ['a', 'b', 'c']) byBytes.set(key, 1, 1);
    byBytes.get('a');
    byBytes.set('d', 1, 1);
    expect([byBytes.get('a'), byBytes.get('b')]).toEqual([1, undefined]);

    const byCount = new BoundedLru<number>(8, 1000);
    for (const key of 'abcdefgh') byCount.set(key, 1, 1);
    byCount.get('h'); // among the newest quarter: stays where it is
    byCount.get('a'); // the oldest: becomes the newest
    for (const key of 'ijklmn') byCount.set(key, 1, 1);
    expect([byCount.get('a'), byCount.get('h'), byCount.get('b'), byCount.size]).toEqual([1, 1, undefined, 8]);
  });

  it('clears everything', () => {
    const lru = new BoundedLru<number>(10, 100);
    lru.set('a', 1, 10);
    lru.clear();
    expect([lru.size, lru.bytes, lru.get('a')]).toEqual([0, 0, undefined]);
  });
});
