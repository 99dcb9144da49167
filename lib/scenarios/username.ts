import 'server-only';
import { z } from 'zod';
import { env } from '../env';
import { HOUR_MS, simulateWork, type Scenario } from './scenario';

/**
 * NFKC-normalised, trimmed and lower-cased before it is checked and keyed, so "Alice", " alice ",
 * full-width "Ａｌｉｃｅ" share one entry, and "é" typed as "e" + a combining accent is the "é" it shows.
 */
export const usernameInput = z.strictObject({
  username: z
    .string({ error: 'username must be text' })
    .normalize('NFKC')
    .trim()
    .min(1, 'must not be empty')
    .max(64, 'must be at most 64 characters')
    .regex(/^[\p{L}\p{N}_.-]+$/u, 'may contain only letters, digits, "_", "-" and "."')
    .transform((name) => name.toLowerCase()),
});

export type UsernameInput = z.output<typeof usernameInput>;
export const usernameValue = z.object({ username_extended: z.string() });
export type UsernameValue = z.output<typeof usernameValue>;

/** The tutorial's expensive_function(username): slow on purpose, trivial result. */
export const usernameScenario: Scenario<UsernameInput, UsernameValue> = {
  id: 'username',
  title: 'expensive_function(username)',
  page: { path: '/username', label: 'Username', blurb: 'A slow function, a per-user key, a TTL in hours. The tutorial’s first example.' },
  namespace: 'expensive_function',
  input: usernameInput,
  keyOf: ({ username }) => `expensive_function:${username}`,
  expiryOf: () => ({ ttlMs: env.USERNAME_TTL_HOURS * HOUR_MS }),
  compute: async ({ username }) => {
    await simulateWork(env.USERNAME_DELAY_MS);
    return { username_extended: `${username}_123` };
  },
  value: usernameValue,
  // The simulator's users: a readable name per popularity rank, e.g. expensive_function:sim_user_1.
  sampleInput: (rank) => ({ username: `sim_user_${rank + 1}` }),
};
