import type { ReceivedSpan } from './otlp-receiver';

/** Attributes worth a glance in a row, in this order; the rest stay in the receiver's data. */
const SHOWN = ['cache.status', 'cache.strategy', 'cache.ttl_s', 'cache.key', 'db.query.text', 'cachelab.script.runs', 'http.status_code'];

/**
 * One exported trace as a trace UI draws it: spans as rows in tree order, each a bar on a common
 * time axis, with its duration and main attributes. The e2e traces spec renders a real miss with
 * it (docs/observability.md "Traces" shows the picture); no trace backend is needed on the machine.
 */
export function waterfallHtml(spans: readonly ReceivedSpan[], title: string): string {
  const start = spans.reduce((min, span) => (span.startNs < min ? span.startNs : min), spans[0]?.startNs ?? 0n);
  const end = spans.reduce((max, span) => (span.endNs > max ? span.endNs : max), 0n);
  const total = Number(end - start) || 1;
  const rows: string[] = [];
  const visit = (span: ReceivedSpan, depth: number) => {
    const left = (Number(span.startNs - start) / total) * 100;
    const width = Math.max(0.3, (Number(span.endNs - span.startNs) / total) * 100);
    const ms = Number(span.endNs - span.startNs) / 1e6;
    const details = SHOWN.filter((name) => span.attributes[name] !== undefined).map((name) => `${name}=${String(span.attributes[name])}`);
    const colour = span.attributes['db.system.name'] === 'redis' ? '#dc2626' : span.scope === 'next.js' ? '#64748b' : '#4f46e5';
    rows.push(
      `<tr><td style="padding-left:${depth * 16 + 8}px"><b>${escape(span.name)}</b><div class="details">${escape(details.join('  '))}</div></td>` +
        `<td class="axis"><div class="bar" style="left:${left}%;width:${width}%;background:${colour}"></div></td><td class="ms">${ms < 1 ? ms.toFixed(2) : ms.toFixed(1)} ms</td></tr>`,
    );
    const children = spans.filter((child) => child.parentSpanId === span.spanId).sort((a, b) => (a.startNs < b.startNs ? -1 : 1));
    for (const child of children) visit(child, depth + 1);
  };
  for (const root of spans.filter((span) => !spans.some((parent) => parent.spanId === span.parentSpanId))) visit(root, 0);
  return `<!doctype html><meta charset="utf-8"><style>
body{font:13px system-ui,sans-serif;margin:24px;color:#0f172a}h1{font-size:16px;margin:0 0 4px}p{margin:0 0 16px;color:#475569}
table{border-collapse:collapse;width:100%}td{border-top:1px solid #e2e8f0;padding:6px 8px;vertical-align:top}
.details{font:11px ui-monospace,monospace;color:#475569;max-width:560px;overflow-wrap:anywhere}
.axis{position:relative;width:45%}.bar{position:absolute;top:9px;height:12px;border-radius:2px}.ms{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
</style><h1>${escape(title)}</h1><p>trace ${escape(spans[0]?.traceId ?? '')} · ${spans.length} spans · ${(total / 1e6).toFixed(1)} ms · grey: Next.js, indigo: Cache Lab, red: Redis</p><table>${rows.join('')}</table>`;
}

const escape = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
