import type { Metadata } from 'next';
import Link from 'next/link';
import { NAV_LINKS } from '@/components/nav-links';

export const metadata: Metadata = { title: 'Page not found' };

/** Every unknown address: say so plainly, and offer the way back into the lab. */
export default function NotFound() {
  return (
    <section aria-labelledby="not-found-title" className="mx-auto max-w-2xl rounded-2xl border border-slate-200 bg-white p-6 text-center shadow-sm sm:p-10">
      <p className="text-base font-semibold tracking-wide text-rose-700 uppercase">404 · a miss</p>
      <h1 id="not-found-title" className="mt-2 text-3xl font-bold text-slate-900 sm:text-4xl">
        No page at this address
      </h1>
      <p className="mt-3 text-lg text-slate-700">Not in the cache, and nothing to compute it from. One of these is probably what you were after:</p>
      <ul className="mt-6 flex flex-wrap justify-center gap-2">
        {NAV_LINKS.map((link) => (
          <li key={link.href}>
            <Link href={link.href} className="inline-block rounded-lg border border-indigo-300 bg-indigo-50 px-4 py-2 text-base font-semibold text-indigo-900 hover:bg-indigo-100">
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
