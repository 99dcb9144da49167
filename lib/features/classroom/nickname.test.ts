import { describe, expect, it } from 'vitest';
import { nicknameSchema } from './nickname';

const nickname = nicknameSchema(8);
const problem = (raw: unknown) => {
  const parsed = nickname.safeParse(raw);
  return parsed.success ? null : parsed.error.issues[0]!.message;
};

describe('nicknames', () => {
  it('normalises to NFKC and collapses spaces', () => {
    expect(nickname.parse('Ａｄａ')).toBe('Ada');
    expect(nickname.parse('  Ada \u00a0 L ')).toBe('Ada L');
    expect(nickname.parse('ﬁona')).toBe('fiona');
    expect(nickname.parse("Zoë O'Neil".slice(0, 8))).toBe("Zoë O'Ne");
  });

  it('counts characters, not UTF-16 units, against the bound', () => {
    expect(nickname.parse('𝒜'.repeat(8).normalize('NFKC'))).toBe('AAAAAAAA');
    expect(problem('Ábcdefgh')).toBeNull();
    expect(problem('abcdefghi')).toBe('must be at most 8 characters');
  });

  it('accepts the apostrophe phones type (’)', () => {
    expect(nickname.parse('O’Neil')).toBe('O’Neil');
  });

  it('refuses empty names, control characters, markup and emoji with a reason', () => {
    expect(problem('   ')).toBe('must not be empty');
    expect(problem('a\u0007b')).toMatch(/may contain only letters/);
    expect(problem('<b>x</b>')).toMatch(/may contain only letters/);
    expect(problem('ada🙂')).toMatch(/may contain only letters/);
    expect(problem(42)).toBe('nickname must be text');
  });
});
