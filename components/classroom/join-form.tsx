'use client';

import { useId, useState, type FormEvent } from 'react';
import type { JoinedStudent } from '@/lib/features/classroom/types';
import { ErrorNotice } from '../scenario/error-notice';
import { FIELD_CLASS, PrimaryButton } from '../scenario/form-card';
import { apiData } from '../api/client';
import { useSend } from './use-send';

/** A phone joins a room under a nickname; the rules are on screen before the first try. */
export function JoinForm({ code, nicknameMax, onJoined }: { code: string; nicknameMax: number; onJoined: (student: JoinedStudent) => void }) {
  const [nickname, setNickname] = useState('');
  const { busy, problem, send } = useSend();
  const hintId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(
      () => apiData<JoinedStudent>(`/api/classroom/rooms/${code}/students`, { method: 'POST', json: { nickname } }),
      onJoined,
    );
  };

  return (
    <form onSubmit={submit} className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm">
      <label htmlFor="nickname" className="block text-lg font-semibold text-slate-900">
        Your nickname
      </label>
      <p id={hintId} className="mt-1 text-sm text-slate-700">
        Up to {nicknameMax} letters, digits, spaces and _ . &apos; - (no emoji). The room sees it on the projector.
      </p>
      <div className="mt-3 flex flex-col gap-3 sm:flex-row">
        <input
          id="nickname"
          value={nickname}
          onChange={(event) => setNickname(event.target.value)}
          maxLength={nicknameMax}
          autoComplete="nickname"
          aria-describedby={hintId}
          className={`min-w-0 flex-1 ${FIELD_CLASS}`}
        />
        <PrimaryButton disabled={busy || nickname.trim() === ''}>Join room {code}</PrimaryButton>
      </div>
      {problem && (
        <div className="mt-3">
          <ErrorNotice message={problem} />
        </div>
      )}
    </form>
  );
}
