export interface ChartTable {
  head: readonly string[];
  rows: readonly (readonly string[])[];
}

/** A chart's figures as a table, folded under it: the text alternative for screen readers, and a way to check a number. */
export function FiguresTable({ title, table }: { title: string; table: ChartTable }) {
  return (
    <details className="mt-3 text-base" data-testid="chart-table">
      <summary className="cursor-pointer font-semibold text-indigo-800">The figures as a table</summary>
      {table.rows.length === 0 ? (
        <p className="mt-2 text-slate-700">Nothing to list yet.</p>
      ) : (
        <div className="mt-2 max-h-72 overflow-auto" role="region" aria-label={`${title}: the figures`} tabIndex={0}>
          <table className="w-full text-right text-sm tabular-nums">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr className="border-b border-slate-200 text-slate-700">
                {table.head.map((heading, index) => (
                  <th key={heading} scope="col" className={`px-2 py-1 font-semibold ${index === 0 ? 'text-left' : ''}`}>
                    {heading}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row) => (
                <tr key={row.join('|')} className="border-b border-slate-100 text-slate-900">
                  {row.map((cell, index) =>
                    index === 0 ? (
                      <th key={index} scope="row" className="px-2 py-1 text-left font-medium">
                        {cell}
                      </th>
                    ) : (
                      <td key={index} className="px-2 py-1">
                        {cell}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}
