/**
 * Minimal typings for the untyped CommonJS package `vader-sentiment`
 * (its bundle assigns `exports.SentimentIntensityAnalyzer`, so a named import works
 * both under Node's CJS interop and under bundlers). Only what we call is declared.
 */
declare module 'vader-sentiment' {
  export interface PolarityScores {
    /** Proportions of the text that are negative / neutral / positive; they sum to ~1. */
    neg: number;
    neu: number;
    pos: number;
    /** Normalised sum of valences in [-1, 1]. */
    compound: number;
  }

  export const SentimentIntensityAnalyzer: {
    polarity_scores(text: string): PolarityScores;
  };
}
