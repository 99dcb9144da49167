// Types of build-stamp.mjs (plain JavaScript so `npm start` runs it without a compiler) for the TypeScript callers.
import type { StdioOptions } from 'node:child_process';

export const BUILD_INPUTS: readonly string[];
export const NEXT_BIN: string;
export function sourceFingerprint(root: string): string;
export function staleReason(root: string, fingerprint?: string): string | null;
export function build(root: string, options?: { env?: NodeJS.ProcessEnv; stdio?: StdioOptions }): number;
