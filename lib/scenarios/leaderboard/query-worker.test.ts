import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openLeaderboard } from './db';
import { ranked, TOP_SQL } from './queries';
import { QueryWorker } from './query-worker';

const dir = mkdtempSync(path.join(tmpdir(), 'query-worker-test-'));
const file = path.join(dir, 'lb.db');
const db = openLeaderboard({ file, players: 200, rows: 5000 });
const workers: QueryWorker[] = [];
const worker = (target = file) => {
  const created = new QueryWorker(target, TOP_SQL, 200);
  workers.push(created);
  return created;
};

afterAll(async () => {
  await Promise.all(workers.map((created) => created.close()));
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('QueryWorker', () => {
  it('answers the statement from its own thread, seeing writes committed before the query', async () => {
    const top = worker();
    expect(ranked((await top.all([10])) as Parameters<typeof ranked>[0])).toEqual(db.top(10));
    db.recordGame(200, 1_000_000);
    const [first] = (await top.all([1])) as Array<{ playerId: number }>;
    expect(first?.playerId).toBe(200);
  });

  it('answers concurrent queries each with its own result', async () => {
    const top = worker();
    const [three, five] = await Promise.all([top.all([3]), top.all([5])]);
    expect(three).toHaveLength(3);
    expect(five).toHaveLength(5);
  });

  it('rejects instead of hanging when the database cannot be opened, and starts again afterwards', async () => {
    const missing = worker(path.join(dir, 'missing.db'));
    await expect(missing.all([1])).rejects.toThrow();
    await expect(missing.all([1])).rejects.toThrow();
  });

  it('rejects queries still pending when it is closed', async () => {
    const top = worker();
    const pending = expect(top.all([50])).rejects.toThrow('closed');
    await top.close();
    await pending;
  });
});
