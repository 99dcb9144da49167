import Link from 'next/link';
import { PageIntro } from '@/components/page-intro';
import { SCENARIOS } from '@/lib/scenarios/registry';

const VOCABULARY = [
  { term: 'Hit', text: 'The answer was already in Redis: one network round trip, well under a millisecond.' },
  { term: 'Miss', text: 'Not in Redis: the expensive work runs, and its result is stored for the next caller.' },
  { term: 'TTL', text: 'Time to live: how long Redis keeps an entry before dropping it by itself.' },
  { term: 'Expiry', text: 'The moment an entry disappears: a sliding TTL from when it was written, or a fixed time such as midnight.' },
];

/** Every registered scenario, then the simulator that drives them and the labs that break a Redis of their own. */
const CARDS = [
  ...SCENARIOS.map(({ title, page }) => ({ href: page.path, title, text: page.blurb })),
  { href: '/simulator', title: 'Traffic simulator', text: 'A crowd of virtual users: watch a hit ratio climb, a stampede happen, and a lock or stale-while-revalidate stop it.' },
  { href: '/eviction', title: 'Eviction lab', text: 'A full Redis: LRU against LFU and the other policies on the same traffic, beside the theory (Che, the static optimum).' },
  { href: '/failures', title: 'Failure lab', text: 'Pause, cut, stop, slow down or fill a lab Redis and watch the circuit breaker open, the app bypass the cache and recover.' },
];

export default function HomePage() {
  return (
    <>
      <PageIntro eyebrow="Cache Lab" title="See what a cache does, request by request">
        <p>
          Every scenario here runs genuinely expensive work behind a Redis cache using <strong>cache-aside</strong>: look the key up; on a miss,
          compute, store the result with an expiry, and return it. You see each request’s status, latency and key, and watch entries count down to
          their expiry.
        </p>
      </PageIntro>

      <section aria-labelledby="vocabulary" className="mb-10">
        <h2 id="vocabulary" className="text-sm font-semibold uppercase tracking-wide text-slate-600">
          Four words to know
        </h2>
        <dl className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {VOCABULARY.map(({ term, text }) => (
            <div key={term} className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm">
              <dt className="text-lg font-bold text-slate-900">{term}</dt>
              <dd className="mt-1 text-sm leading-relaxed text-slate-700">{text}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="scenarios">
        <h2 id="scenarios" className="text-sm font-semibold uppercase tracking-wide text-slate-600">
          Scenarios
        </h2>
        <ul className="mt-3 grid gap-3 sm:grid-cols-2">
          {CARDS.map((scenario) => (
            <li key={scenario.href}>
              <Link href={scenario.href} className="block h-full rounded-2xl border border-slate-200 bg-white p-5 shadow-sm transition hover:border-indigo-400 hover:shadow-md">
                <p className="font-mono text-base font-semibold text-indigo-700">{scenario.title}</p>
                <p className="mt-1 text-sm text-slate-700">{scenario.text}</p>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="watch" className="mt-10">
        <h2 id="watch" className="text-sm font-semibold uppercase tracking-wide text-slate-600">
          Watch it live
        </h2>
        <Link href="/dashboard" className="mt-3 block rounded-2xl border border-slate-200 bg-white p-5 shadow-sm transition hover:border-indigo-400 hover:shadow-md">
          <p className="text-base font-semibold text-indigo-700">Live dashboard</p>
          <p className="mt-1 text-sm text-slate-700">
            Hit ratio, hit and miss latency, requests per second and the keys in Redis with their countdowns, updated every second. Put it on the
            projector while the class sends requests.
          </p>
        </Link>
      </section>
    </>
  );
}
