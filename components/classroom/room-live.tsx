'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { formatSpan } from '@/lib/shared/format';
import { apiData, errorText } from '../api/client';
import { ConfirmButton } from '../dashboard/confirm-button';
import { Panel } from '../dashboard/panel';
import { useNow } from '../use-now';
import { JoinPanel } from './join-panel';
import { RequestFeed } from './request-feed';
import { RoomFigures } from './room-figures';
import { RoundCard } from './round-card';
import { RoundControls } from './round-controls';
import { RoundsTable } from './rounds-table';
import { Warmers } from './warmers';
import { useRoom } from './use-room';

interface Props {
  code: string;
  joinUrl: string;
  qrSvg: string;
}

/** The teacher's (and the projector's) view of a room, live: polled every second. */
export function RoomLive({ code, joinUrl, qrSvg }: Props) {
  const { view, error, gone, refresh } = useRoom(code);
  const now = useNow(30_000);
  const router = useRouter();
  const [closeProblem, setCloseProblem] = useState<string | null>(null);

  if (gone) return <RoomClosed code={code} message={error?.message ?? ''} />;
  const close = async () => {
    setCloseProblem(null);
    try {
      await apiData(`/api/classroom/rooms/${code}`, { method: 'DELETE' });
      router.push('/classroom');
    } catch (error) {
      setCloseProblem(errorText(error));
    }
  };

  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,20rem)_minmax(0,1fr)]">
      <div className="flex flex-col gap-4">
        <JoinPanel code={code} joinUrl={joinUrl} qrSvg={qrSvg} />
        <RoundControls code={code} onStarted={() => void refresh()} />
        <div data-presenter="hide" className="flex flex-col gap-2 text-sm text-slate-700">
          {view && <p>The room closes by itself in {formatSpan(view.expiresAt - now)}.</p>}
          <div className="self-start">
            <ConfirmButton label="Close the room now" question="Close the room for everyone?" confirmLabel="Close it" onConfirm={close} />
          </div>
          {closeProblem && (
            <p role="alert" className="text-rose-800">
              {closeProblem}
            </p>
          )}
        </div>
      </div>
      <div className="flex min-w-0 flex-col gap-4">
        {error && !gone && (
          <p role="alert" className="rounded-xl bg-rose-50 p-3 text-rose-800">
            The room could not be read just now ({error.message}); retrying every second.
          </p>
        )}
        {!view ? (
          <p role="status" className="text-slate-600">Loading room {code}…</p>
        ) : (
          <>
            <RoundCard round={view.round} feed={view.feed} />
            <RoomFigures view={view} />
            <Panel title="Live requests" subtitle="Newest first; latency as the server measured it (lookup + compute)" testId="panel-feed">
              <RequestFeed feed={view.feed} />
            </Panel>
            <div className="grid gap-4 xl:grid-cols-2">
              <Panel title="Who warmed each key" subtitle="The miss that stored a value, and the hits it paid for">
                <Warmers warmers={view.warmers} />
              </Panel>
              <Panel title="Rounds" subtitle="Predictions right per round">
                <RoundsTable rounds={view.rounds} current={view.round.number} />
              </Panel>
            </div>
            <Panel title={`Students (${view.students.length} of ${view.maxStudents})`} subtitle="Requests sent and predictions right">
              {view.students.length === 0 ? (
                <p className="text-slate-600">Nobody has joined yet.</p>
              ) : (
                <ul className="flex flex-wrap gap-2" data-testid="students">
                  {view.students.map((student) => (
                    <li key={student.nickname} className="rounded-full bg-slate-100 px-3 py-1 text-sm text-slate-900">
                      <span className="font-semibold">{student.nickname}</span>{' '}
                      <span className="text-slate-700 tabular-nums">
                        {student.requests} req · {student.correct}/{student.predicted} right
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </Panel>
          </>
        )}
      </div>
    </div>
  );
}

export function RoomClosed({ code, message }: { code: string; message: string }) {
  return (
    <div role="alert" className="rounded-2xl border border-amber-300 bg-amber-50 p-6 text-amber-950">
      <p className="text-xl font-bold">Room {code} is not open</p>
      <p className="mt-1">{message}</p>
      <Link href="/classroom" className="mt-3 inline-block font-semibold text-indigo-700 underline">
        Open or join another room
      </Link>
    </div>
  );
}
