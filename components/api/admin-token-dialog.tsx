'use client';

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { registerTokenAsker, type TokenReason } from './client';

const MESSAGES: Record<TokenReason, string> = {
  missing: 'This action needs the admin token.',
  refused: 'The admin token was not accepted. Check it and try again.',
};

/**
 * Mounted once in the layout: the API client asks here when a mutation is refused for want of
 * the admin token. A modal dialog (focus moves in, Escape cancels, focus returns afterwards).
 */
export function AdminTokenDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  const answer = useRef<((token: string | null) => void) | null>(null);
  const [question, setQuestion] = useState<{ reason: TokenReason; attempt: number } | null>(null);
  const [token, setToken] = useState('');

  useEffect(
    () =>
      registerTokenAsker(
        (reason) =>
          new Promise((resolve) => {
            answer.current = resolve;
            setToken('');
            setQuestion((previous) => ({ reason, attempt: (previous?.attempt ?? 0) + 1 }));
          }),
      ),
    [],
  );

  useEffect(() => {
    const element = dialog.current;
    if (question && element && !element.open) element.showModal();
  }, [question]);

  const finish = (value: string | null) => {
    answer.current?.(value);
    answer.current = null;
    dialog.current?.close();
    setQuestion(null);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (token.trim() !== '') finish(token.trim());
  };

  return (
    <dialog
      ref={dialog}
      onCancel={(event) => {
        event.preventDefault();
        finish(null);
      }}
      aria-labelledby="admin-token-title"
      aria-describedby="admin-token-message"
      data-testid="admin-token-prompt"
      className="m-auto w-[min(30rem,calc(100vw-2rem))] rounded-2xl p-0 shadow-2xl backdrop:bg-slate-900/60"
    >
      {question && (
        <form key={question.attempt} onSubmit={submit} className="p-5 sm:p-6">
          <h2 id="admin-token-title" className="text-lg font-bold text-slate-900">
            Admin token
          </h2>
          <p id="admin-token-message" role="alert" className="mt-2 text-base font-semibold text-amber-900">
            {MESSAGES[question.reason]}
          </p>
          <p className="mt-1 text-base text-slate-700">
            The server sets <code className="font-mono">ADMIN_TOKEN</code>. Enter it once: it is kept for this browser tab only, then the action runs.
          </p>
          <label htmlFor="admin-token-input" className="mt-4 block text-base font-semibold text-slate-800">
            Token
          </label>
          <input
            id="admin-token-input"
            type="password"
            value={token}
            onChange={(event) => setToken(event.target.value)}
            autoComplete="off"
            autoFocus
            className="mt-1 w-full rounded-lg border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 outline-none focus:border-indigo-600 focus:ring-2 focus:ring-indigo-200"
          />
          <div className="mt-4 flex flex-wrap justify-end gap-2">
            <button type="button" onClick={() => finish(null)} className="rounded-lg border border-slate-400 bg-white px-4 py-2 text-base font-semibold text-slate-800 hover:bg-slate-50">
              Cancel
            </button>
            <button type="submit" disabled={token.trim() === ''} className="rounded-lg bg-indigo-700 px-4 py-2 text-base font-semibold text-white hover:bg-indigo-600 disabled:bg-slate-500">
              Save and retry
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
