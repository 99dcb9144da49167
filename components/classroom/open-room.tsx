'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import type { OpenedRoom } from '@/lib/classroom/types';
import { CODE_LENGTH, CODE_PATTERN } from '@/lib/classroom/types';
import { adminFetch } from '../admin-token';
import { ErrorNotice } from '../scenario/error-notice';
import { FIELD_CLASS, PrimaryButton } from '../scenario/form-card';
import { errorMessage } from '../scenario/use-scenario-request';
import { useAdminAction } from '../use-admin-action';

/** The teacher opens a room (an admin action) and lands on its live view. */
export function OpenRoom() {
  const router = useRouter();
  const [problem, setProblem] = useState<string | null>(null);
  const admin = useAdminAction();
  const open = () =>
    void admin.run(async () => {
      setProblem(null);
      const response = await adminFetch('/api/classroom/rooms', { method: 'POST' });
      const body: unknown = await response.json();
      if (!response.ok) return setProblem(errorMessage(body, response.status));
      router.push(`/classroom/${(body as { data: OpenedRoom }).data.code}`);
    });
  return (
    <div className="flex flex-col gap-3">
      <PrimaryButton onClick={open} className="self-start">
        Open a room
      </PrimaryButton>
      {problem && <ErrorNotice message={problem} />}
      {admin.prompt}
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
