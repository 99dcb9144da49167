import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { RoomLive } from '@/components/classroom/room-live';
import { joinOrigin, joinPath, qrSvg } from '@/lib/features/classroom/join-link';
import { CODE_PATTERN } from '@/lib/features/classroom/types';
import { connection } from 'next/server';


type Props = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Room ${(await params).code.toUpperCase()}` };
}

/** The projector's page: the join link and its QR code are made here, from this machine's LAN address. */
export default async function RoomPage({ params }: Props) {
  // Settings are read at request time (cacheComponents would otherwise bake them in at build).
  await connection();
  const code = (await params).code.toUpperCase();
  if (!CODE_PATTERN.test(code)) notFound();
  const incoming = await headers();
  const host = incoming.get('x-forwarded-host') ?? incoming.get('host') ?? 'localhost';
  const protocol = incoming.get('x-forwarded-proto') === 'https' ? 'https' : 'http';
  const joinUrl = `${joinOrigin(host, protocol)}${joinPath(code)}`;
  return (
    <>
      <h1 className="sr-only">Room {code}</h1>
      <RoomLive code={code} joinUrl={joinUrl} qrSvg={await qrSvg(joinUrl)} />
    </>
  );
}
