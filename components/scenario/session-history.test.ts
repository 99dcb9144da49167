import { describe, expect, it } from 'vitest';
import { addToHistory, HISTORY_LENGTH, parseHistory } from './session-history';

const entry = (label: string) => ({ at: 1_000, label, status: 'hit' as const, latencyMs: 1.5 });

describe('session history', () => {
  it('survives a round trip through storage, newest first', () => {
    const first = addToHistory([], [entry('ada')]);
    const second = addToHistory(parseHistory(JSON.stringify(first)), [entry('ttl · Paris'), entry('daily · Paris')]);
    expect(parseHistory(JSON.stringify(second)).map((row) => [row.id, row.label])).toEqual([
      [2, 'ttl · Paris'],
      [3, 'daily · Paris'],
      [1, 'ada'],
    ]);
  });

  it('keeps only the last entries', () => {
    let history = addToHistory([], [entry('0')]);
    for (let index = 1; index < 20; index += 1) history = addToHistory(history, [entry(String(index))]);
    expect(history).toHaveLength(HISTORY_LENGTH);
    expect(history[0]?.label).toBe('19');
    expect(new Set(history.map((row) => row.id)).size).toBe(HISTORY_LENGTH);
  });

  it('drops what is damaged instead of showing it', () => {
    expect(parseHistory(null)).toEqual([]);
    expect(parseHistory('{not json')).toEqual([]);
    expect(parseHistory('{"a":1}')).toEqual([]);
    const stored = JSON.stringify([{ ...entry('ok'), id: 1 }, { ...entry('bad status'), id: 2, status: 'maybe' }, { id: 3 }]);
    expect(parseHistory(stored).map((row) => row.label)).toEqual(['ok']);
  });
});
