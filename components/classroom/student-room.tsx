'use client';

import { JoinForm } from './join-form';
import { PredictForm } from './predict-form';
import { RoomClosed } from './room-live';
import { saveStudent, useStoredStudent } from './student-identity';
import { useRoom } from './use-room';

/** A student's phone: join under a nickname, then predict and ask, round after round. */
export function StudentRoom({ code, nicknameMax }: { code: string; nicknameMax: number }) {
  const student = useStoredStudent(code);
  const { view, gone, error, refresh } = useRoom(code, student?.studentId ?? null);

  if (gone) return <RoomClosed code={code} message={error?.message ?? ''} />;
  if (student === undefined) return null;
  // The server no longer knows this phone (a new room under the same code): join again.
  const stale = student !== null && view !== undefined && view.you === null;
  if (student === null || stale) {
    return (
      <JoinForm
        code={code}
        nicknameMax={nicknameMax}
        onJoined={saveStudent}
      />
    );
  }

  return (
    <div className="flex flex-col gap-4">
      <div className="rounded-2xl bg-slate-900 p-4 text-white">
        <p className="text-sm text-slate-300">
          You are <strong className="text-white" data-testid="student-nickname">{student.nickname}</strong>
        </p>
        {view ? (
          <>
            <p className="mt-2 text-sm font-semibold tracking-wide text-amber-300 uppercase">Round {view.round.number}</p>
            <p className="text-xl font-bold" data-testid="student-round">
              {view.round.prompt}
            </p>
          </>
        ) : (
          <p role="status" className="mt-2 text-slate-300">Loading the round…</p>
        )}
      </div>
      {view && <PredictForm student={student} round={view.round} onSent={() => void refresh()} />}
      {view?.you && (
        <p className="text-center text-slate-700" data-testid="student-score">
          Your predictions: <strong className="text-slate-900">{view.you.correct} of {view.you.predicted}</strong> right · {view.you.requests === 1 ? '1 request' : `${view.you.requests} requests`} in this room
        </p>
      )}
    </div>
  );
}
