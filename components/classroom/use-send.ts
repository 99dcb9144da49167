'use client';

import { useCallback, useState } from 'react';
import { ApiRequestError } from '../api/client';

/** A phone's request to the server: busy while it runs, and a sentence when it fails (the API's own message). */
export function useSend() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const send = useCallback(async <T,>(request: () => Promise<T>, onAnswer: (body: T) => void) => {
    setBusy(true);
    setProblem(null);
    try {
      onAnswer(await request());
    } catch (error) {
      const unanswered = !(error instanceof ApiRequestError) || error.code === 'no_answer';
      setProblem(unanswered ? 'The server did not answer. Is the teacher’s machine still on the network?' : error.message);
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, problem, send };
}
