'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import type { OpenedRoom } from '@/lib/features/classroom/types';
import { CODE_LENGTH, CODE_PATTERN } from '@/lib/features/classroom/types';
import { apiData, errorText } from '../api/client';
import { ErrorNotice } from '../scenario/error-notice';
import { FIELD_CLASS, PrimaryButton } from '../scenario/form-card';

/** The teacher opens a room (an admin action) and lands on its live view. */
export function OpenRoom() {
  const router = useRouter();
  const [problem, setProblem] = useState<string | null>(null);
  const open = async () => {
    setProblem(null);
    try {
      const room = await apiData<OpenedRoom>('/api/classroom/rooms', { method: 'POST' });
      router.push(`/classroom/${room.code}`);
    } catch (error) {
      setProblem(errorText(error));
    }
  };
  return (
    <div className="flex flex-col gap-3">
      <PrimaryButton onClick={() => void open()} className="self-start">
        Open a room
      </PrimaryButton>
      {problem && <ErrorNotice message={problem} />}
    </div>
  );
}

/** A student types the code from the projector. */
export function JoinByCode() {
  const router = useRouter();
  const [code, setCode] = useState('');
  const clean = code.trim().toUpperCase();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (CODE_PATTERN.test(clean)) router.push(`/classroom/${clean}/join`);
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-2">
      <label htmlFor="room-code" className="text-sm font-semibold text-slate-800">
        Room code ({CODE_LENGTH} letters, on the projector)
      </label>
      <div className="flex gap-2">
        <input
          id="room-code"
          value={code}
          onChange={(event) => setCode(event.target.value)}
          maxLength={CODE_LENGTH}
          autoComplete="off"
          autoCapitalize="characters"
          className={`w-32 font-mono uppercase ${FIELD_CLASS}`}
        />
        <PrimaryButton disabled={!CODE_PATTERN.test(clean)}>Join</PrimaryButton>
      </div>
    </form>
  );
}
