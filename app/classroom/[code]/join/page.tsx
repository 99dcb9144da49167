import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { StudentRoom } from '@/components/classroom/student-room';
import { CODE_PATTERN } from '@/lib/features/classroom/types';
import { env } from '@/lib/core/env';
import { connection } from 'next/server';


type Props = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Join room ${(await params).code.toUpperCase()}` };
}

export default async function JoinPage({ params }: Props) {
  // Settings are read at request time (cacheComponents would otherwise bake them in at build).
  await connection();
  const code = (await params).code.toUpperCase();
  if (!CODE_PATTERN.test(code)) notFound();
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="mb-4 text-2xl font-bold text-slate-900">Room {code}</h1>
      <StudentRoom code={code} nicknameMax={env.CLASSROOM_NICKNAME_MAX} />
    </div>
  );
}
