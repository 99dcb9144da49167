/** Next's hits, misses and stale serves are counted by the engine's recorder under this label, beside the scenarios' (dashboard, Prometheus). */
export const NEXT_METRIC = { id: 'next-cache', title: "Next.js's cache ('use cache', pages)" } as const;
