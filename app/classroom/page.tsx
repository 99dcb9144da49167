import type { Metadata } from 'next';
import { JoinByCode, OpenRoom } from '@/components/classroom/open-room';
import { PageIntro } from '@/components/page-intro';
import { env } from '@/lib/core/env';
import { formatSpan } from '@/lib/shared/format';
import { connection } from 'next/server';

export const metadata: Metadata = { title: 'Classroom' };

const STEPS = [
  'Open a room here and put it on the projector (the Presenter button, top right, makes it readable from the back).',
  'Students scan the QR code or type the code on their phones, and pick a nickname.',
  'Each round, everyone predicts HIT or MISS first, then sends the request. The room shows who asked what, what the cache did, and how many predictions were right.',
  'Run guided rounds: everyone asks for one name; wait for its TTL; invalidate it and predict again.',
];

export default async function ClassroomPage() {
  // Settings are read at request time (cacheComponents would otherwise bake them in at build).
  await connection();
  return (
    <>
      <PageIntro eyebrow="Classroom" title="A cache lab for a whole class">
        <p>
          Thirty phones, one projector, one Redis. Every student request goes through the real <code className="font-mono">expensive_function</code>{' '}
          endpoint, so the first one misses and pays {env.USERNAME_DELAY_MS.toLocaleString('en-US')} ms and the next ones are hits.
        </p>
      </PageIntro>
      <div className="grid gap-4 md:grid-cols-2">
        <section aria-labelledby="teacher" className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="teacher" className="text-xl font-bold text-slate-900">
            Teacher
          </h2>
          <ol className="mt-2 mb-4 list-decimal space-y-1 pl-5 text-slate-700">
            {STEPS.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
          <OpenRoom />
          <p className="mt-3 text-sm text-slate-600" data-presenter="hide">
            Up to {env.CLASSROOM_MAX_STUDENTS} students per room and {env.CLASSROOM_MAX_ROOMS} open rooms; a room closes by itself after{' '}
            {formatSpan(env.CLASSROOM_ROOM_MINUTES * 60_000)}. Opening a room and running rounds are admin actions.
          </p>
        </section>
        <section aria-labelledby="student" className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="student" className="text-xl font-bold text-slate-900">
            Student
          </h2>
          <p className="mt-2 mb-4 text-slate-700">Got a code from the projector? Type it here, or scan the QR code with your phone’s camera.</p>
          <JoinByCode />
        </section>
      </div>
    </>
  );
}
