import 'server-only';
import { SentimentIntensityAnalyzer } from 'vader-sentiment';
import { normaliseSentence } from './normalise';

export { normaliseSentence };

/** Longest accepted sentence, in Unicode code points after normalising (so an emoji counts as one). */
export const MAX_SENTENCE_CODE_POINTS = 1000;

/**
 * Standard VADER cut-offs (Hutto & Gilbert 2014): |compound| below 0.05 is neutral.
 * Anything else would make our labels disagree with every other VADER user.
 */
const POSITIVE_THRESHOLD = 0.05;
const NEGATIVE_THRESHOLD = -0.05;

export type SentimentLabel = 'positive' | 'neutral' | 'negative';

export interface SentimentResult {
  label: SentimentLabel;
  /** VADER's normalised score in [-1, 1]. */
  compound: number;
  /** Share of the text that reads positive / neutral / negative; the three sum to ~1 (0 for empty text). */
  scores: { positive: number; neutral: number; negative: number };
}

export type SentenceValidation =
  | { ok: true; sentence: string }
  | { ok: false; status: 400 | 413; code: SentenceErrorCode; message: string };

export type SentenceErrorCode =
  | 'invalid_sentence'
  | 'sentence_control_characters'
  | 'sentence_malformed_unicode'
  | 'sentence_empty'
  | 'sentence_too_long';

/**
 * Control characters policy: every Unicode `Cc` character (C0 0x00–0x1F, DEL, C1 0x80–0x9F) is
 * rejected, EXCEPT tab, line feed and carriage return. Those three are ordinary white space in
 * pasted text (multi-line reviews, Windows line endings), so they are accepted and collapsed to a
 * single space by `normaliseSentence`. Others (NUL, ESC, vertical tab, form feed, NEL...) have no
 * business in a sentence and tend to break logs, terminals and Redis tooling, so we refuse them
 * rather than silently strip them (stripping would make two different inputs share a cache key).
 */
const FORBIDDEN_CONTROL = /(?![\t\n\r])\p{Cc}/u;

/**
 * A lone UTF-16 surrogate cannot be encoded as UTF-8: Redis and JSON would see U+FFFD, so two
 * different inputs could collide on one cache key. With the `u` flag a well-formed pair is one
 * astral code point and does not match; only unpaired halves do.
 */
const LONE_SURROGATE = /\p{Cs}/u;

export function validateSentence(raw: unknown): SentenceValidation {
  if (typeof raw !== 'string') {
    return fail(400, 'invalid_sentence', 'sentence must be a string');
  }
  if (FORBIDDEN_CONTROL.test(raw)) {
    return fail(400, 'sentence_control_characters', 'sentence must not contain control characters');
  }
  if (LONE_SURROGATE.test(raw)) {
    return fail(400, 'sentence_malformed_unicode', 'sentence contains malformed Unicode (a lone surrogate)');
  }
  const sentence = normaliseSentence(raw);
  if (sentence.length === 0) {
    return fail(400, 'sentence_empty', 'sentence must not be empty');
  }
  if (exceedsCodePoints(sentence, MAX_SENTENCE_CODE_POINTS)) {
    return fail(413, 'sentence_too_long', `sentence must be at most ${MAX_SENTENCE_CODE_POINTS} characters`);
  }
  return { ok: true, sentence };
}

function fail(status: 400 | 413, code: SentenceErrorCode, message: string): SentenceValidation {
  return { ok: false, status, code, message };
}

/** Counts code points (not UTF-16 units) and stops early, so a huge input costs no more than the limit. */
function exceedsCodePoints(text: string, max: number): boolean {
  // Cheap exits: every code point is 1 or 2 UTF-16 units.
  if (text.length <= max) return false;
  if (text.length > 2 * max) return true;
  let count = 0;
  for (let i = 0; i < text.length; count += 1) {
    if (count >= max) return true;
    i += (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
  }
  return false;
}

/**
 * Runs the real VADER lexicon + rules model. Pure and synchronous (~tens of µs); the scenario's
 * "expensive model" latency is simulated by the caller, not here.
 * Expects an already validated/normalised sentence but tolerates anything (empty text is neutral).
 */
export function analyseSentiment(sentence: string): SentimentResult {
  const raw = SentimentIntensityAnalyzer.polarity_scores(sentence);
  return {
    label: labelFor(raw.compound),
    compound: raw.compound,
    scores: { positive: raw.pos, neutral: raw.neu, negative: raw.neg },
  };
}

function labelFor(compound: number): SentimentLabel {
  if (compound >= POSITIVE_THRESHOLD) return 'positive';
  if (compound <= NEGATIVE_THRESHOLD) return 'negative';
  return 'neutral';
}

/** Ready-made inputs for the UI and load tests; a mix of the three labels (asserted by the tests). */
export const COMMON_SENTENCES: readonly string[] = Object.freeze([
  'I love this product, it works perfectly!',
  'Terrible quality, it broke after two days.',
  'The package arrived on Tuesday.',
  'Great value for the price and really easy to set up.',
  'The battery life is disappointing and the app keeps crashing.',
  'It comes in a cardboard box with a user manual.',
]);
