import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLeaderboard, type LeaderboardOptions } from './db';
import { InvalidScoreError, MAX_RECORDED_SCORE, UnknownPlayerError, type Leaderboard } from './model';
import { playerName } from './player-names';

const PLAYERS = 500;
const ROWS = 20_000;

let dir: string;
const opened: Leaderboard[] = [];

function open(overrides: Partial<LeaderboardOptions> = {}): Leaderboard {
  const leaderboard = openLeaderboard({ file: path.join(dir, 'lb.db'), players: PLAYERS, rows: ROWS, ...overrides });
  opened.push(leaderboard);
  return leaderboard;
}

/** Independent recomputation in JS, to prove `top` is the true aggregate of the games table. */
function naiveTop(file: string, limit: number): Array<{ playerId: number; score: number }> {
  const db = new Database(file, { readonly: true });
  try {
    const totals = new Map<number, number>();
    const games = db.prepare('SELECT player_id AS p, score AS s FROM games').all() as Array<{ p: number; s: number }>;
    for (const { p, s } of games) totals.set(p, (totals.get(p) ?? 0) + s);
    return [...totals]
      .map(([playerId, score]) => ({ playerId, score }))
      .sort((a, b) => b.score - a.score || a.playerId - b.playerId)
      .slice(0, limit);
  } finally {
    db.close();
  }
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'leaderboard-test-'));
});

afterEach(() => {
  for (const leaderboard of opened.splice(0)) leaderboard.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('openLeaderboard seeding', () => {
  it('creates the directory and seeds the requested number of players and games, once', () => {
    const file = path.join(dir, 'nested', 'deeper', 'lb.db');
    const first = open({ file });
    expect(existsSync(file)).toBe(true);
    expect(first.seed).toMatchObject({ seeded: true, players: PLAYERS, rows: ROWS });
    expect(first.playerCount()).toBe(PLAYERS);
    expect(first.gameCount()).toBe(ROWS);
    first.close();

    const again = open({ file });
    expect(again.seed).toMatchObject({ seeded: false, ms: 0 });
    expect(again.gameCount()).toBe(ROWS);
  });

  it('uses WAL mode', () => {
    const file = path.join(dir, 'lb.db');
    open({ file });
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('is deterministic: the same parameters give the same data in two files', () => {
    const a = open({ file: path.join(dir, 'a.db') });
    const b = open({ file: path.join(dir, 'b.db') });
    expect(a.top(50)).toEqual(b.top(50));
    expect(a.player(123)).toEqual(b.player(123));
  });

  it('generates skewed, in-range scores so the top is interesting', () => {
    const file = path.join(dir, 'lb.db');
    open({ file });
    const db = new Database(file, { readonly: true });
    const stats = db.prepare('SELECT MIN(score) AS min, MAX(score) AS max, AVG(score) AS avg FROM games').get() as {
      min: number;
      max: number;
      avg: number;
    };
    const totals = (
      db.prepare('SELECT SUM(score) AS t FROM games GROUP BY player_id ORDER BY t DESC').pluck().all() as number[]
    );
    db.close();
    expect(stats.min).toBeGreaterThanOrEqual(0);
    expect(stats.max).toBeLessThanOrEqual(1000);
    expect(stats.avg).toBeGreaterThan(150);
    expect(stats.avg).toBeLessThan(600);
    const median = totals[Math.floor(totals.length / 2)] ?? 0;
    expect(totals[0]).toBeGreaterThan(3 * median);
    // Totals are spread out, not a flat tie at the top.
    expect(new Set(totals.slice(0, 50)).size).toBeGreaterThan(45);
  });

  it('re-seeds when the stored seed parameters differ from the requested ones', () => {
    const first = open();
    first.recordGame(1, 999);
    first.close();

    const smaller = open({ players: 300, rows: 5_000 });
    expect(smaller.seed).toMatchObject({ seeded: true, players: 300, rows: 5_000 });
    expect(smaller.playerCount()).toBe(300);
    expect(smaller.gameCount()).toBe(5_000);
    expect(smaller.player(301)).toBeNull();
  });

  it('rejects invalid options', () => {
    const file = path.join(dir, 'bad.db');
    expect(() => openLeaderboard({ file, players: 0, rows: 10 })).toThrow(RangeError);
    expect(() => openLeaderboard({ file, players: 10, rows: -1 })).toThrow(RangeError);
    expect(() => openLeaderboard({ file, players: 1.5, rows: 10 })).toThrow(RangeError);
  });

  it('seeds exactly once when several processes open the same new file at the same instant', async () => {
    // Bigger than ROWS so seeding lasts long enough (~0.1 s) for the openers to really overlap.
    const rows = 200_000;
    const results = await raceOpen(path.join(dir, 'race', 'lb.db'), 4, rows);
    expect(results.filter((r) => 'error' in r)).toEqual([]);
    expect(results.filter((r) => r.seeded)).toHaveLength(1);
    for (const result of results) expect(result).toMatchObject({ games: rows, players: PLAYERS });
  }, 60_000);

  it('re-seeds exactly once when several processes open a file with stale parameters', async () => {
    const file = path.join(dir, 'stale.db');
    open({ file, players: 100, rows: 1_000 }).close();
    const results = await raceOpen(file, 3, ROWS);
    expect(results.filter((r) => 'error' in r)).toEqual([]);
    expect(results.filter((r) => r.seeded)).toHaveLength(1);
    for (const result of results) expect(result).toMatchObject({ games: ROWS, players: PLAYERS });
  }, 60_000);
});

describe('top', () => {
  it('returns ranks 1..50 with totals in descending order and real names', () => {
    const leaderboard = open();
    const top = leaderboard.top();
    expect(top).toHaveLength(50);
    expect(top.map((entry) => entry.rank)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    for (let i = 1; i < top.length; i += 1) {
      const [previous, current] = [top[i - 1]!, top[i]!];
      expect(previous.score > current.score || (previous.score === current.score && previous.playerId < current.playerId)).toBe(true);
    }
    for (const entry of top) expect(entry.name).toBe(leaderboard.player(entry.playerId)?.name);
  });

  it('is the true aggregate of every game', () => {
    const leaderboard = open();
    const expected = naiveTop(path.join(dir, 'lb.db'), 50);
    expect(leaderboard.top(50).map(({ playerId, score }) => ({ playerId, score }))).toEqual(expected);
  });

  it('honours the limit and validates it', () => {
    const leaderboard = open();
    expect(leaderboard.top(5)).toEqual(leaderboard.top(50).slice(0, 5));
    // Only players with at least one game are ranked (a few low-activity players may have none).
    const everyone = leaderboard.top(1000);
    expect(everyone.length).toBe(naiveTop(path.join(dir, 'lb.db'), 1000).length);
    expect(everyone.length).toBeGreaterThan(PLAYERS * 0.95);
    for (const bad of [0, -1, 1.5, 1001, Number.NaN]) expect(() => leaderboard.top(bad)).toThrow(RangeError);
  });

  it('is computed from the games table (full scan), not served from an index or a precomputed table', () => {
    const file = path.join(dir, 'lb.db');
    open({ file });
    const db = new Database(file, { readonly: true });
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'games'").all();
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    db.close();
    expect(indexes).toEqual([]);
    expect(tables).toEqual(['games', 'meta', 'players']);
  });
});

describe('recordGame', () => {
  it('records a game and a big score moves that player to the top', () => {
    const leaderboard = open({ now: () => 1_700_000_000_000 });
    const before = leaderboard.top(50);
    const outsider = PLAYERS; // compare against the leader, whoever it is
    expect(before[0]!.playerId).not.toBe(outsider);

    const record = leaderboard.recordGame(outsider, MAX_RECORDED_SCORE);
    expect(record).toEqual({ gameId: ROWS + 1, playerId: outsider, score: MAX_RECORDED_SCORE, playedAt: 1_700_000_000_000 });
    expect(leaderboard.gameCount()).toBe(ROWS + 1);

    const after = leaderboard.top(50);
    expect(after[0]).toMatchObject({ rank: 1, playerId: outsider, name: playerName(outsider) });
    expect(after[1]).toMatchObject({ rank: 2, playerId: before[0]!.playerId, score: before[0]!.score });
    expect(after.map(({ playerId, score }) => ({ playerId, score }))).toEqual(naiveTop(path.join(dir, 'lb.db'), 50));
  });

  it('accepts the boundary scores 0 and 1,000,000', () => {
    const leaderboard = open();
    expect(leaderboard.recordGame(1, 0).score).toBe(0);
    expect(leaderboard.recordGame(1, MAX_RECORDED_SCORE).score).toBe(MAX_RECORDED_SCORE);
  });

  it('throws UnknownPlayerError for players that do not exist, inserting nothing', () => {
    const leaderboard = open();
    for (const id of [0, -1, 1.5, PLAYERS + 1, Number.NaN]) {
      const attempt = () => leaderboard.recordGame(id, 10);
      expect(attempt).toThrow(UnknownPlayerError);
      try {
        attempt();
      } catch (error) {
        expect(error).toMatchObject({ code: 'unknown_player', playerId: id });
      }
    }
    expect(leaderboard.gameCount()).toBe(ROWS);
  });

  it('throws InvalidScoreError for non-integer or out-of-range scores, inserting nothing', () => {
    const leaderboard = open();
    for (const score of [-1, 1.5, MAX_RECORDED_SCORE + 1, Number.NaN, Infinity, '5' as unknown as number]) {
      expect(() => leaderboard.recordGame(1, score)).toThrow(InvalidScoreError);
    }
    expect(leaderboard.gameCount()).toBe(ROWS);
  });
});

describe('players', () => {
  it('looks players up by id and counts them', () => {
    const leaderboard = open();
    expect(leaderboard.playerCount()).toBe(PLAYERS);
    expect(leaderboard.player(1)).toEqual({ playerId: 1, name: playerName(1) });
    expect(leaderboard.player(PLAYERS + 1)).toBeNull();
    expect(leaderboard.player(0)).toBeNull();
    expect(leaderboard.player(2.5)).toBeNull();
  });

  it('close is idempotent', () => {
    const leaderboard = open();
    leaderboard.close();
    expect(() => leaderboard.close()).not.toThrow();
  });
});

// ---------------------------------------------------------------------------------------------
// Real multi-process race: child Node processes (via tsx) boot, say they are ready, and once all of
// them are, spin until a shared instant the parent sends them, then open.
// ---------------------------------------------------------------------------------------------

type RaceResult =
  | { seeded: boolean; games: number; players: number }
  | { error: string; code?: string; at?: string; exit?: number | null; seeded?: undefined };

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DB_MODULE = fileURLToPath(new URL('./db.ts', import.meta.url));
/** From the last child ready to the shared start instant: long enough for the parent's writes to reach every child. */
const START_DELAY_MS = 200;

async function raceOpen(file: string, processes: number, rows: number): Promise<RaceResult[]> {
  const script = path.join(dir, 'race-child.mts');
  writeFileSync(
    script,
    `import { openLeaderboard } from ${JSON.stringify(DB_MODULE)};
const [file, players, rows] = process.argv.slice(2);
console.log('ready');
const startAt = Number(await new Promise((resolve) => process.stdin.once('data', resolve)));
process.stdin.destroy();
while (Date.now() < startAt) { /* spin: all children open at the same instant */ }
try {
  const lb = openLeaderboard({ file, players: Number(players), rows: Number(rows) });
  console.log(JSON.stringify({ seeded: lb.seed.seeded, games: lb.gameCount(), players: lb.playerCount() }));
  lb.close();
} catch (error) {
  // Where it failed: our frames (a module tsx loaded as a data: URL is named by its filePath parameter).
  const frames = String(error?.stack).split('\\n').map((line) => line.replace(/data:[^?]*\\?filePath=([^:)]*)/, (_, file) => decodeURIComponent(file)));
  const at = frames.filter((line) => line.includes('/lib/')).map((line) => line.trim()).join(' < ');
  console.log(JSON.stringify({ error: String(error), code: error?.code, at }));
}
`,
  );
  const args = [file, String(PLAYERS), String(rows)];
  const children = Array.from({ length: processes }, () => startChild(script, args));
  // Boot time does not matter (tsx may take seconds on a busy machine): the instant is set once all are ready.
  await Promise.all(children.map((child) => child.ready));
  const startAt = Date.now() + START_DELAY_MS;
  for (const child of children) child.start(startAt);
  return Promise.all(children.map((child) => child.result));
}

interface Child {
  /** Settles when the child has booted (or has died before: then `result` says why). */
  ready: Promise<void>;
  start: (startAt: number) => void;
  result: Promise<RaceResult>;
}

function startChild(script: string, args: string[]): Child {
  // `react-server` makes `server-only` resolve to its empty module, as it does inside Next.js.
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', script, ...args], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let markReady = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.startsWith('ready\n')) markReady();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // A child that exits before it reads its start instant would make the write fail: its result says why.
  child.stdin.on('error', () => {});
  const result = new Promise<RaceResult>((resolve) => {
    child.on('close', (exit) => {
      markReady();
      const last = stdout.trim().split('\n').at(-1) ?? '';
      try {
        resolve(JSON.parse(last) as RaceResult);
      } catch {
        resolve({ error: `child exited (${exit}) without a result: ${stdout}${stderr}`, exit });
      }
    });
  });
  return { ready, start: (startAt) => child.stdin.end(`${startAt}\n`), result };
}
