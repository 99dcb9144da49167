'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { siteLinks, type NavLink } from './nav-links';

/** `scenarios`: the registry's scenario pages, passed by the (server) layout. */
export function SiteNav({ scenarios }: { scenarios: readonly NavLink[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="-mx-1 flex flex-wrap gap-1 pb-1 sm:pb-0">
      {siteLinks(scenarios).map((link) => {
        const active = link.href === '/' ? pathname === '/' : pathname.startsWith(link.href);
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={active ? 'page' : undefined}
            className={`whitespace-nowrap rounded-lg px-3 py-1.5 text-sm font-medium ${active ? 'bg-white/15 text-white' : 'text-slate-300 hover:bg-white/10 hover:text-white'}`}
          >
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
