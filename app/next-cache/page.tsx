import type { Metadata } from 'next';
import { connection } from 'next/server';
import { EntriesView } from '@/components/next-cache/entries-view';
import { PageIntro } from '@/components/page-intro';
import { instanceName } from '@/lib/next-cache';

export const metadata: Metadata = { title: "Next.js's cache" };

export default async function NextCachePage() {
  await connection();
  return (
    <>
      <PageIntro eyebrow="Next.js cache" title="Next.js's own cache, in Redis">
        <p>
          This app is a Next.js app, and its own cache — <code className="font-mono">&apos;use cache&apos;</code> sections, pages, route handlers and{' '}
          <code className="font-mono">fetch</code> — lives in the same Redis as the scenarios, so every instance shares it. A tag invalidated on one
          instance (<code className="font-mono">updateTag</code>, <code className="font-mono">revalidateTag</code>) is invalidated on all of them.
        </p>
        <p>
          Each entry shows when it goes stale (Next serves it once more and makes it again in the background), when it expires, and the TTL Redis
          holds it for. This page was served by <code className="font-mono">{instanceName()}</code>.
        </p>
      </PageIntro>
      <EntriesView />
    </>
  );
}
