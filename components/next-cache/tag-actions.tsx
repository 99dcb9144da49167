'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiData, errorText } from '@/components/api/client';

type Mode = 'update' | 'revalidate';

const DONE: Record<Mode, (tag: string) => string> = {
  update: (tag) => `Tag ${tag} updated: every instance renders it afresh on its next read.`,
  revalidate: (tag) => `Tag ${tag} revalidated (profile max): every instance serves it stale once more, then the fresh one.`,
};

/** The admin's invalidations of a cached section's tags (POST /api/next-cache/tags/{tag}; ADMIN_TOKEN asked when set), then the page again. */
export function TagActions({ tags }: { tags: readonly string[] }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ text: string; failed: boolean } | null>(null);

  const act = async (tag: string, mode: Mode) => {
    setBusy(true);
    try {
      await apiData(`/api/next-cache/tags/${encodeURIComponent(tag)}`, { method: 'POST', json: mode === 'update' ? { mode } : { mode, profile: 'max' } });
      setSaid({ text: DONE[mode](tag), failed: false });
      router.refresh();
    } catch (error) {
      setSaid({ text: errorText(error), failed: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="mt-4 border-t border-slate-100 pt-4">
      <div className="flex flex-wrap gap-2">
        {tags.map((tag) => (
          <div key={tag} className="flex flex-wrap gap-2">
            <button type="button" disabled={busy} onClick={() => void act(tag, 'update')} className="rounded-lg bg-violet-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-violet-500 disabled:bg-slate-400">
              Update tag {tag}
            </button>
            <button type="button" disabled={busy} onClick={() => void act(tag, 'revalidate')} className="rounded-lg px-3 py-1.5 text-sm font-semibold text-violet-800 ring-1 ring-violet-300 hover:bg-violet-50 disabled:text-slate-500">
              Revalidate tag {tag}
            </button>
          </div>
        ))}
      </div>
      {said && (
        <p role="status" className={`mt-2 text-sm ${said.failed ? 'text-rose-800' : 'text-slate-700'}`}>
          {said.text}
        </p>
      )}
    </div>
  );
}
