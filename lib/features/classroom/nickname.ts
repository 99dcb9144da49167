import { z } from 'zod';

/**
 * A nickname as the room shows it: NFKC first (so a full-width "Ａｄａ" and "Ada" are one name, and
 * ligatures or compatibility forms cannot dodge the rules), spaces collapsed, then bounded and
 * limited to letters, marks, digits, spaces and `_ . ' -` (and ’, which phones type for '). Lengths count characters, not UTF-16 units.
 */
export function nicknameSchema(maxLength: number) {
  return z
    .string({ error: 'nickname must be text' })
    .transform((raw) => raw.normalize('NFKC').replace(/\s+/gu, ' ').trim())
    .refine((name) => name.length > 0, 'must not be empty')
    .refine((name) => [...name].length <= maxLength, `must be at most ${maxLength} characters`)
    .refine((name) => /^[\p{L}\p{M}\p{N} _.'\u2019-]+$/u.test(name), 'may contain only letters, digits, spaces and _ . \' -');
}

/** Two nicknames are the same name in a room when they differ only in case. */
export const nicknameIdentity = (nickname: string) => nickname.toLowerCase();
