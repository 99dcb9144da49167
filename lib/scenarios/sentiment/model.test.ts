import { describe, expect, it } from 'vitest';
import {
  analyseSentiment,
  COMMON_SENTENCES,
  MAX_SENTENCE_CODE_POINTS,
  normaliseSentence,
  validateSentence,
} from './model';

describe('normaliseSentence', () => {
  it('applies NFKC: full-width letters and decomposed accents key like their plain forms', () => {
    expect(normaliseSentence('Ｉ ｌｏｖｅ ｉｔ')).toBe('i love it');
    expect(normaliseSentence('cafe\u0301 cre\u0300me')).toBe(normaliseSentence('caf\u00e9 cr\u00e8me'));
    expect(normaliseSentence('cafe\u0301')).toBe('caf\u00e9');
  });

  it('trims, collapses every kind of white space and lower-cases', () => {
    expect(normaliseSentence('  I   LOVE\tthis\r\nProduct  ')).toBe('i love this product');
    // no-break space, ideographic space, em space, line separator
    expect(normaliseSentence('A\u00A0B\u3000C\u2003D\u2028E')).toBe('a b c d e');
  });

  it('is locale independent and idempotent', () => {
    expect(normaliseSentence('İSTANBUL Straße')).toBe('i̇stanbul straße');
    const once = normaliseSentence('  Hello   WORLD ');
    expect(normaliseSentence(once)).toBe(once);
  });
});

describe('validateSentence', () => {
  it('accepts and normalises ordinary text, emoji and any script', () => {
    expect(validateSentence('  Great   product! 😀 ')).toEqual({ ok: true, sentence: 'great product! 😀' });
    for (const text of ['これは素晴らしい', 'Отличный товар', 'منتج رائع', 'שלום', '👍🏽👨‍👩‍👧']) {
      expect(validateSentence(text)).toMatchObject({ ok: true });
    }
  });

  it('rejects non-strings with 400 invalid_sentence', () => {
    for (const value of [undefined, null, 42, {}, ['a'], true]) {
      expect(validateSentence(value)).toMatchObject({ ok: false, status: 400, code: 'invalid_sentence' });
    }
  });

  it('rejects empty and blank input with 400 sentence_empty', () => {
    for (const value of ['', '   ', '\t\r\n', '\u00A0\u3000']) {
      expect(validateSentence(value)).toMatchObject({ ok: false, status: 400, code: 'sentence_empty' });
    }
  });

  it('accepts tab, CR and LF as white space but rejects other control characters', () => {
    expect(validateSentence('line one\r\nline\ttwo')).toEqual({ ok: true, sentence: 'line one line two' });
    for (const bad of ['a\u0000b', 'a\u001Bb', 'a\u000Bb', 'a\u000Cb', 'a\u007Fb', 'a\u0085b', 'a\u009Fb']) {
      expect(validateSentence(bad)).toMatchObject({ ok: false, status: 400, code: 'sentence_control_characters' });
    }
  });

  it('rejects lone surrogates but not well-formed astral characters', () => {
    expect(validateSentence('bad \uD83D half')).toMatchObject({ ok: false, status: 400, code: 'sentence_malformed_unicode' });
    expect(validateSentence('bad \uDE00 half')).toMatchObject({ ok: false, code: 'sentence_malformed_unicode' });
    expect(validateSentence('good \uD83D\uDE00')).toMatchObject({ ok: true });
  });

  it('limits length in code points after normalising, with 413 sentence_too_long', () => {
    const max = MAX_SENTENCE_CODE_POINTS;
    expect(validateSentence('a'.repeat(max))).toMatchObject({ ok: true });
    expect(validateSentence('a'.repeat(max + 1))).toMatchObject({ ok: false, status: 413, code: 'sentence_too_long' });
    // 1000 emoji are 2000 UTF-16 units but 1000 characters: accepted.
    expect(validateSentence('😀'.repeat(max))).toMatchObject({ ok: true });
    expect(validateSentence('😀'.repeat(max + 1))).toMatchObject({ ok: false, status: 413 });
    expect(validateSentence(`a${'😀'.repeat(max)}`)).toMatchObject({ ok: false, status: 413 });
    // Surrounding and repeated white space is removed before counting.
    expect(validateSentence(`   ${'a'.repeat(max)}     `)).toMatchObject({ ok: true });
    expect(validateSentence(`a${' '.repeat(5000)}b`)).toEqual({ ok: true, sentence: 'a b' });
  });
});

describe('analyseSentiment (real VADER model)', () => {
  it('labels clear sentences correctly', () => {
    expect(analyseSentiment('i love this product').label).toBe('positive');
    expect(analyseSentiment('this is terrible').label).toBe('negative');
    expect(analyseSentiment('the box is blue')).toEqual({
      label: 'neutral',
      compound: 0,
      scores: { positive: 0, neutral: 1, negative: 0 },
    });
  });

  it('returns VADER scores in range, consistent with the label', () => {
    const result = analyseSentiment('i love this product');
    expect(result.compound).toBeGreaterThanOrEqual(0.05);
    expect(result.compound).toBeLessThanOrEqual(1);
    const { positive, neutral, negative } = result.scores;
    expect(positive + neutral + negative).toBeCloseTo(1, 2);
    expect(positive).toBeGreaterThan(negative);
  });

  it('applies VADER rules: negation, emphasis, emoticons', () => {
    expect(analyseSentiment('this is not good').label).toBe('negative');
    expect(analyseSentiment('good!!!').compound).toBeGreaterThan(analyseSentiment('good').compound);
    expect(analyseSentiment(':)').label).toBe('positive');
    expect(analyseSentiment(':(').label).toBe('negative');
  });

  it('accepts emoji; the JS port has no emoji lexicon, so they add no sentiment on their own', () => {
    expect(analyseSentiment('😀').label).toBe('neutral');
    expect(analyseSentiment('i love this product 😀').label).toBe('positive');
  });

  it('treats empty text as neutral rather than throwing', () => {
    expect(analyseSentiment('').label).toBe('neutral');
  });

  it('is deterministic', () => {
    expect(analyseSentiment('great value, awful support')).toEqual(analyseSentiment('great value, awful support'));
  });
});

describe('COMMON_SENTENCES', () => {
  it('has six valid sentences covering all three labels', () => {
    expect(COMMON_SENTENCES).toHaveLength(6);
    const labels = new Set<string>();
    for (const sentence of COMMON_SENTENCES) {
      const checked = validateSentence(sentence);
      expect(checked.ok).toBe(true);
      if (checked.ok) labels.add(analyseSentiment(checked.sentence).label);
    }
    expect([...labels].sort()).toEqual(['negative', 'neutral', 'positive']);
  });

  it('is immutable at run time', () => {
    expect(Object.isFrozen(COMMON_SENTENCES)).toBe(true);
  });
});
