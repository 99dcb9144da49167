import { describe, expect, it, vi } from 'vitest';
import { CircuitBreaker, RedisUnavailableError } from './circuit';

/** A ReplyError as ioredis makes it: Redis answered, with an error. */
const replyError = (message: string) => Object.assign(new Error(message), { name: 'ReplyError' });

function breaker() {
  let clock = 1_000;
  const onRefused = vi.fn();
  const made = new CircuitBreaker({ threshold: 2, cooldownMs: 500, onRefused, now: () => clock });
  return { made, onRefused, advance: (ms: number) => void (clock += ms) };
}

describe('CircuitBreaker', () => {
  it('hands the argument to the call and passes its result through', async () => {
    const { made } = breaker();
    await expect(made.run((client: { name: string }) => Promise.resolve(`read by ${client.name}`), { name: 'main' })).resolves.toBe('read by main');
    await expect(made.run(() => Promise.resolve(42))).resolves.toBe(42);
  });

  it('opens after `threshold` consecutive failures, refuses at once while open, and a success in between starts the count again', async () => {
    const { made } = breaker();
    const down = () => Promise.reject(new Error('connect ECONNREFUSED'));
    await expect(made.run(down)).rejects.toBeInstanceOf(RedisUnavailableError);
    await made.run(() => Promise.resolve('ok'));
    await expect(made.run(down)).rejects.toThrow('ECONNREFUSED');
    expect(made.state).toBe('closed');
    await expect(made.run(down)).rejects.toThrow('ECONNREFUSED');
    expect(made.state).toBe('open');
    const call = vi.fn(() => Promise.resolve('never'));
    await expect(made.run(call)).rejects.toMatchObject({ notSent: true, message: expect.stringContaining('circuit open') });
    expect(call).not.toHaveBeenCalled();
  });

  it('lets one trial through after the cooldown: its success closes the circuit, its failure opens it again', async () => {
    const { made, advance } = breaker();
    const down = () => Promise.reject(new Error('Command timed out'));
    await made.run(down).catch(() => {});
    await made.run(down).catch(() => {});
    advance(500);
    expect(made.state).toBe('half-open');
    let finish!: (value: string) => void;
    const trial = made.run(() => new Promise<string>((resolve) => (finish = resolve)));
    // A second call while the trial is in flight is refused without being sent.
    await expect(made.run(() => Promise.resolve('second'))).rejects.toMatchObject({ notSent: true });
    finish('back');
    await expect(trial).resolves.toBe('back');
    expect(made.state).toBe('closed');

    await made.run(down).catch(() => {});
    await made.run(down).catch(() => {});
    advance(500);
    await expect(made.run(down)).rejects.toThrow('Command timed out');
    expect(made.state).toBe('open');
  });

  it('an error reply is a refusal, not a failure: it does not count towards opening and is reported', async () => {
    const { made, onRefused } = breaker();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await expect(made.run(() => Promise.reject(replyError('OOM command not allowed')))).rejects.toMatchObject({ refused: true, notSent: false });
    }
    expect(made.state).toBe('closed');
    expect(onRefused).toHaveBeenCalledTimes(3);
  });

  it('a call that throws instead of rejecting is a failure like any other', async () => {
    const { made } = breaker();
    const throws = () => {
      throw new Error("Stream isn't writeable");
    };
    await expect(made.run(throws)).rejects.toMatchObject({ notSent: true });
  });
});
