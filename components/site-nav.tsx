'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { Suspense, useState } from 'react';
import { siteLinks, type NavLink } from './nav-links';

/** The main navigation: a row of its own under the logo from tablet width up (beside it from 1400 px); on a phone, a menu button (one row instead of three). `scenarios`: the registry's scenario pages, passed by the (server) layout. */
export function SiteNav({ scenarios }: { scenarios: readonly NavLink[] }) {
  return (
    // The path is request data on a dynamic route (a classroom code): the links render at once, the active one when it is known.
    <Suspense fallback={<NavLinks scenarios={scenarios} pathname={null} />}>
      <CurrentNav scenarios={scenarios} />
    </Suspense>
  );
}

function CurrentNav({ scenarios }: { scenarios: readonly NavLink[] }) {
  return <NavLinks scenarios={scenarios} pathname={usePathname()} />;
}

function NavLinks({ scenarios, pathname }: { scenarios: readonly NavLink[]; pathname: string | null }) {
  const [open, setOpen] = useState(false);
  // Closed again after moving to another page (derived during render, React's pattern for it).
  const [openedOn, setOpenedOn] = useState(pathname);
  if (openedOn !== pathname) {
    setOpenedOn(pathname);
    setOpen(false);
  }
  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-controls="main-nav"
        onClick={() => setOpen(!open)}
        className="ml-auto inline-flex items-center gap-2 rounded-lg border border-white/30 px-3 py-1.5 text-base font-semibold text-white sm:hidden"
      >
        <span aria-hidden className="text-lg leading-none">{open ? '×' : '☰'}</span>
        Menu
      </button>
      <nav id="main-nav" aria-label="Main" className={`${open ? 'flex' : 'hidden'} order-last w-full basis-full flex-col gap-1 pb-1 sm:-mx-3 sm:flex sm:flex-row sm:flex-wrap sm:gap-0.5 sm:pb-0 min-[1400px]:order-none min-[1400px]:mx-0 min-[1400px]:w-auto min-[1400px]:basis-auto presenter:min-[1400px]:order-last presenter:min-[1400px]:-mx-3 presenter:min-[1400px]:w-full presenter:min-[1400px]:basis-full`}>
        {siteLinks(scenarios).map((link) => {
          const active = isActive(link.href, pathname);
          return (
            <Link
              key={link.href}
              href={link.href}
              aria-current={active ? 'page' : undefined}
              className={`whitespace-nowrap rounded-lg px-3 py-2 text-base font-medium sm:px-2.5 sm:py-1.5 ${active ? 'bg-white/15 text-white' : 'text-slate-200 hover:bg-white/10 hover:text-white'}`}
            >
              {link.label}
            </Link>
          );
        })}
      </nav>
    </>
  );
}

const isActive = (href: string, pathname: string | null) => pathname !== null && (href === '/' ? pathname === '/' : pathname.startsWith(href));
