import { describe, expect, it } from 'vitest';
import { diffBoards, type BoardEntry } from './diff';

const entry = (rank: number, playerId: number, score: number): BoardEntry => ({ rank, playerId, name: `P${playerId}`, score });

describe('diffBoards', () => {
  it('finds nothing when the boards agree', () => {
    const board = [entry(1, 7, 900), entry(2, 3, 800)];
    expect(diffBoards(board, structuredClone(board))).toEqual([]);
  });

  it('reports a newcomer, everyone it pushed down, and who fell off, in live order', () => {
    const cached = [entry(1, 7, 900), entry(2, 3, 800), entry(3, 5, 700)];
    const live = [entry(1, 9, 5000), entry(2, 7, 900), entry(3, 3, 800)];
    expect(diffBoards(cached, live)).toEqual([
      { kind: 'entered', live: live[0] },
      { kind: 'changed', cached: cached[0], live: live[1] },
      { kind: 'changed', cached: cached[1], live: live[2] },
      { kind: 'left', cached: cached[2] },
    ]);
  });

  it('reports a score change even when the rank holds', () => {
    const cached = [entry(1, 7, 900), entry(2, 3, 800)];
    const live = [entry(1, 7, 1900), entry(2, 3, 800)];
    expect(diffBoards(cached, live)).toEqual([{ kind: 'changed', cached: cached[0], live: live[0] }]);
  });
});
