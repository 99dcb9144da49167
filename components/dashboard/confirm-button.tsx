'use client';

import { useState } from 'react';

interface Props {
  label: string;
  /** The question shown before anything is destroyed. */
  question: string;
  confirmLabel: string;
  onConfirm: () => Promise<void> | void;
  disabled?: boolean;
}

/** A destructive action that asks first, inline (no browser dialog to miss on a projector). */
export function ConfirmButton({ label, question, confirmLabel, onConfirm, disabled }: Props) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);

  if (!asking) {
    return (
      <button type="button" disabled={disabled} onClick={() => setAsking(true)} className="rounded-lg border border-rose-300 bg-white px-3 py-2 text-sm font-semibold whitespace-nowrap text-rose-700 hover:bg-rose-50 disabled:cursor-not-allowed disabled:opacity-50">
        {label}
      </button>
    );
  }
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
      setAsking(false);
    }
  };
  return (
    <div role="group" aria-label={question} className="flex flex-wrap items-center gap-2 rounded-lg bg-rose-50 px-3 py-1.5 ring-1 ring-rose-200">
      <span className="text-sm font-medium text-rose-900">{question}</span>
      <button type="button" disabled={busy} onClick={confirm} className="rounded-md bg-rose-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-rose-500 disabled:opacity-60">
        {busy ? 'Working…' : confirmLabel}
      </button>
      <button type="button" disabled={busy} onClick={() => setAsking(false)} className="rounded-md px-2 py-1.5 text-sm font-semibold text-slate-700 hover:bg-white">
        Cancel
      </button>
    </div>
  );
}
