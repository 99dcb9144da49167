'use client';

import { useId, useState, type FormEvent } from 'react';

interface Props {
  message: string;
  onSaved: (token: string) => void;
  onCancel: () => void;
}

/** Asks once for the admin token; the caller stores it and retries what was refused. */
export function AdminTokenPrompt({ message, onSaved, onCancel }: Props) {
  const [token, setToken] = useState('');
  const inputId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (token.trim() !== '') onSaved(token.trim());
  };

  return (
    <form onSubmit={submit} className="rounded-xl border border-amber-300 bg-amber-50 p-4" data-testid="admin-token-prompt">
      <p role="alert" className="text-sm font-semibold text-amber-950">
        {message}
      </p>
      <p className="mt-1 text-sm text-amber-900">
        The server sets <code className="font-mono">ADMIN_TOKEN</code>. Enter it once: it is kept for this browser tab only.
      </p>
      <label htmlFor={inputId} className="mt-3 block text-sm font-medium text-slate-800">
        Admin token
      </label>
      <div className="mt-1 flex flex-col gap-2 sm:flex-row">
        <input
          id={inputId}
          type="password"
          value={token}
          onChange={(event) => setToken(event.target.value)}
          autoComplete="off"
          autoFocus
          className="min-w-0 flex-1 rounded-lg border border-slate-300 bg-white px-3 py-2 text-slate-900 outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-200"
        />
        <div className="flex gap-2">
          <button type="submit" disabled={token.trim() === ''} className="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500 disabled:bg-slate-400">
            Save and retry
          </button>
          <button type="button" onClick={onCancel} className="rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-700 hover:bg-slate-50">
            Cancel
          </button>
        </div>
      </div>
    </form>
  );
}
