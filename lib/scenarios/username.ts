import 'server-only';
import { z } from 'zod';
import { env } from '../core/env';
import { HOUR_MS, simulateWork, type Scenario } from './scenario';

/** The input rules, also shown on the page before anything is sent (the form checks them as you type). */
export const USERNAME_RULES = {
  maxLength: 64,
  /** Source of a `u` RegExp: letters of any alphabet, digits, "_", "-" and "." (so no spaces, no emoji). */
  pattern: '^[\\p{L}\\p{N}_.-]+$',
  allowed: 'letters of any alphabet, digits, "_", "-" and "."',
} as const;

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
    .max(USERNAME_RULES.maxLength, `must be at most ${USERNAME_RULES.maxLength} characters`)
    .regex(new RegExp(USERNAME_RULES.pattern, 'u'), `may contain only ${USERNAME_RULES.allowed}`)
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
