import type { Metadata } from 'next';
import { PageIntro } from '@/components/page-intro';
import { KeyLifeView } from '@/components/keylife/key-life-view';
import { connection } from 'next/server';

export const metadata: Metadata = { title: 'A key’s life' };

export default async function KeyLifePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Settings are read at request time (cacheComponents would otherwise bake them in at build).
  await connection();
  const key = (await searchParams).key;
  return (
    <>
      <PageIntro eyebrow="Key life" title="What happened to this key">
        <p>
          Every write, hit and removal of one cache entry, as the engine and Redis&apos; own keyspace notifications saw them, pushed to this page as
          they happen.
        </p>
      </PageIntro>
      {typeof key === 'string' && key !== '' ? (
        <KeyLifeView fullKey={key} />
      ) : (
        <p role="alert" className="rounded-2xl border border-amber-200 bg-amber-50 p-5 text-amber-900">
          No key given: open this page from the key browser, the recent requests or a scenario&apos;s result.
        </p>
      )}
    </>
  );
}
