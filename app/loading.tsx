/**
 * The Suspense boundary of every page: pages read their settings at request time (`await
 * connection()`), and with cacheComponents what is dynamic must sit under a boundary. The page's
 * content streams into the same response; this shows only while it does.
 */
export default function Loading() {
  return (
    <p role="status" className="text-sm text-slate-600">
      Loading…
    </p>
  );
}
