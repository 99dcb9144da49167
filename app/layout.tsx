import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import { AdminTokenDialog } from '@/components/api/admin-token-dialog';
import { PresenterToggle } from '@/components/presenter-mode';
import { SiteNav } from '@/components/site-nav';
import { StatusBanner } from '@/components/status-banner';
import { scenarioLinks } from '@/lib/scenarios/registry';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Cache Lab', template: '%s · Cache Lab' },
  description: 'Watch a Redis cache work: hits, misses, TTLs and latency, live.',
  icons: { icon: { url: '/icon.svg', type: 'image/svg+xml' } },
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#0f172a' };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <header className="bg-slate-900">
          {/* Content width below 1400 px (the nav then takes a row of its own); from 1400 px one full-width row holds it all. */}
          <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 min-[1400px]:max-w-none">
            <Link href="/" className="flex items-center gap-2 text-lg font-bold text-white">
              <span className="grid size-7 place-items-center rounded-md bg-rose-500 text-sm font-black" aria-hidden>
                C
              </span>
              Cache Lab
            </Link>
            <SiteNav scenarios={scenarioLinks()} />
            <PresenterToggle />
          </div>
        </header>
        <StatusBanner />
        <main className="mx-auto max-w-6xl px-4 py-6 sm:py-10">{children}</main>
        <AdminTokenDialog />
        <footer className="mx-auto max-w-6xl px-4 pb-8 text-sm text-slate-700">
          Cache-aside with Redis: look the key up; on a miss compute, store with an expiry, return.
        </footer>
      </body>
    </html>
  );
}
