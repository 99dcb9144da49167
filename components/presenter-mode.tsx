'use client';

import { usePathname } from 'next/navigation';
import { Suspense, useEffect, useSyncExternalStore } from 'react';
import './presenter-mode.css';

const STORAGE_KEY = 'cachelab.presenter';
/** `?presenter=1` turns it on, `?presenter=0` off; otherwise the tab remembers the last choice. */
const PARAM = 'presenter';
const CHANGED = 'cachelab:presenter';

function subscribe(notify: () => void) {
  window.addEventListener(CHANGED, notify);
  return () => window.removeEventListener(CHANGED, notify);
}
const isOn = () => sessionStorage.getItem(STORAGE_KEY) === '1';

function choose(on: boolean) {
  sessionStorage.setItem(STORAGE_KEY, on ? '1' : '0');
  window.dispatchEvent(new Event(CHANGED));
}

/**
 * Presenter mode for a projector: a class on <html> that every page's CSS can use (bigger type,
 * high contrast, fewer controls). The URL is read in an effect, not with useSearchParams, so no
 * page loses static rendering for it. The button is for a laptop at a projector: phones keep their
 * header short (`?presenter=1` still works there).
 */
export function PresenterToggle() {
  const on = useSyncExternalStore(subscribe, isOn, () => false);

  useEffect(() => {
    document.documentElement.classList.toggle('presenter', on);
  }, [on]);

  const toggle = () => {
    const url = new URL(window.location.href);
    url.searchParams.delete(PARAM);
    window.history.replaceState(window.history.state, '', url);
    choose(!on);
  };

  return (
    <>
      {/* The path is request data on a dynamic route: only the URL reader waits for it, not the button. */}
      <Suspense fallback={null}>
        <PresenterParam />
      </Suspense>
      <button
        type="button"
        onClick={toggle}
        aria-pressed={on}
        title="Presenter mode: bigger type and fewer controls, for a projector"
        data-testid="presenter-toggle"
        className={`hidden shrink-0 rounded-lg px-3 py-1.5 text-sm font-medium whitespace-nowrap sm:ml-auto sm:block ${on ? 'bg-amber-300 text-slate-950' : 'text-slate-300 ring-1 ring-white/25 hover:bg-white/10 hover:text-white'}`}
      >
        Presenter
      </button>
    </>
  );
}

/** Reads `?presenter=` on every navigation. */
function PresenterParam() {
  const pathname = usePathname();
  useEffect(() => {
    const param = new URLSearchParams(window.location.search).get(PARAM);
    if (param === '1' || param === '0') choose(param === '1');
  }, [pathname]);
  return null;
}
