'use client';

import { useCallback, useState, type ReactNode } from 'react';
import { AdminTokenRequired, saveAdminToken } from './admin-token';
import { AdminTokenPrompt } from './admin-token-prompt';

/**
 * Runs a mutation that sends the admin token (via adminFetch). When the server asks for the
 * token, `prompt` renders a form; once the visitor enters it, the mutation runs again.
 */
export function useAdminAction(): { run: (action: () => Promise<void>) => Promise<void>; prompt: ReactNode; dismiss: () => void } {
  const [refused, setRefused] = useState<{ message: string; retry: () => void; attempt: number } | null>(null);

  const run = useCallback(async function attempt(action: () => Promise<void>): Promise<void> {
    try {
      await action();
      setRefused(null);
    } catch (error) {
      if (!(error instanceof AdminTokenRequired)) throw error;
      const retry = () => void attempt(action);
      // A new attempt number gives a fresh, empty form after a wrong token.
      setRefused((previous) => ({ message: error.message, retry, attempt: (previous?.attempt ?? 0) + 1 }));
    }
  }, []);

  const prompt = refused && (
    <AdminTokenPrompt
      key={refused.attempt}
      message={refused.message}
      onSaved={(token) => {
        saveAdminToken(token);
        refused.retry();
      }}
      onCancel={() => setRefused(null)}
    />
  );
  return { run, prompt, dismiss: () => setRefused(null) };
}
