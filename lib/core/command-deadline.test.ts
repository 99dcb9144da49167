import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundCommands } from './command-deadline';
import { OwnRedisServer } from '../testing/redis-server';

/** A Redis we may freeze (SIGSTOP): our own redis-server on a free port. */
let server: OwnRedisServer;
beforeAll(async () => {
  server = await OwnRedisServer.start();
});
afterAll(async () => {
  server.unpause();
  await server.stop();
});

const TIMEOUT_MS = 200;

async function failureAfter(work: Promise<unknown>): Promise<{ ms: number; message: string }> {
  const started = performance.now();
  try {
    await work;
    return { ms: performance.now() - started, message: 'answered' };
  } catch (error) {
    return { ms: performance.now() - started, message: (error as Error).message };
  }
}

describe('boundCommands: one sweep per client instead of a timer per command', () => {
  it("fails every command still unanswered after the timeout (at most half of it more), with ioredis' own error", async () => {
    const client = boundCommands(new Redis(server.url, { enableOfflineQueue: false, maxRetriesPerRequest: 0 }), TIMEOUT_MS);
    await new Promise((resolve) => client.once('ready', resolve));
    try {
      await client.set('deadline', 'v');
      server.pause();
      const failures = await Promise.all([failureAfter(client.get('deadline')), failureAfter(client.incr('counter'))]);
      for (const { ms, message } of failures) {
        expect(message).toBe('Command timed out');
        expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
        expect(ms).toBeLessThan(TIMEOUT_MS * 1.5 + 300);
      }
    } finally {
      server.unpause();
    }
    // The late replies are dropped like those of ioredis' own timeout: the connection stays in step.
    expect(await client.get('deadline')).toBe('v');
    expect(await client.incr('counter')).toBe(2);
    client.disconnect();
  });

  it('leaves commands answered in time alone, and stops sweeping when the client ends', async () => {
    const client = boundCommands(new Redis(server.url), TIMEOUT_MS);
    // Answered after 100 ms of the 200 allowed (BLPOP on an empty list waits its own timeout).
    const slow = await failureAfter(client.blpop('empty-list', 0.1));
    expect(slow.message).toBe('answered');
    expect(slow.ms).toBeGreaterThanOrEqual(90);
    const ended = new Promise((resolve) => client.once('end', resolve));
    await client.quit();
    await ended;
  });
});
