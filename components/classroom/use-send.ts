'use client';

import { useCallback, useState } from 'react';
import { errorMessage } from '../scenario/use-scenario-request';

/** A phone's request to the server: busy while it runs, and a sentence when it fails (the API's own message). */
export function useSend() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const send = useCallback(async (request: () => Promise<Response>, onAnswer: (body: unknown) => void) => {
    setBusy(true);
    setProblem(null);
    try {
      const response = await request();
      const body: unknown = await response.json();
      if (response.ok) onAnswer(body);
      else setProblem(errorMessage(body, response.status));
    } catch {
      setProblem('The server did not answer. Is the teacher’s machine still on the network?');
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, problem, send };
}
