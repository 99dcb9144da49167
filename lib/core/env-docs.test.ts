import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { envSchema } from './env';

/**
 * docs/settings.md holds ONE table of every setting. This test keeps it in step with lib/core/env.ts
 * (the README's old table had drifted: rows outside the table, a setting listed twice):
 * every schema key has exactly one row, every row is a schema key, and its default and numeric
 * bounds are the schema's own.
 */

const DOC = 'docs/settings.md';

interface Row {
  line: number;
  name: string;
  defaultCell: string;
  boundsCell: string;
  protects: string;
}

/** Defaults that are not a fixed value, written in words, and the value each stands for in this process. */
const PROSE_DEFAULTS: Record<string, unknown> = {
  unset: undefined,
  none: '',
  "the server's time zone": Intl.DateTimeFormat().resolvedOptions().timeZone,
};

/** Splits a Markdown table row on unescaped pipes (`\|` stays inside a cell). */
function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

/** Tables are runs of consecutive lines starting with `|`; setting rows are those of the table with the `setting` header. */
function settingTables(markdown: string): Row[][] {
  const lines = markdown.split('\n');
  const tables: Row[][] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const header = lines[i] ?? '';
    if (!header.startsWith('|') || (lines[i - 1] ?? '').startsWith('|')) continue;
    if (cells(header)[0] !== 'setting') continue;
    const rows: Row[] = [];
    for (let j = i + 2; (lines[j] ?? '').startsWith('|'); j += 1) {
      const [name = '', defaultCell = '', boundsCell = '', protects = ''] = cells(lines[j] ?? '');
      rows.push({ line: j + 1, name, defaultCell, boundsCell, protects });
    }
    tables.push(rows);
  }
  return tables;
}

/** Lines that look like a setting row but are not inside a table (the README's old defect). */
function strayRows(markdown: string): string[] {
  const lines = markdown.split('\n');
  return lines.filter((line, i) => /^\s*\|\s*`[A-Z]/.test(line) && !(lines[i - 1] ?? '').trim().startsWith('|'));
}

const code = (cell: string) => /^`([^`]+)`$/.exec(cell)?.[1];
const plain = (text: string) => text.replaceAll(',', '');

function schemaDefault(field: z.ZodType): unknown {
  return field.safeParse(undefined).data;
}

/** The bounds column of a numeric setting: `min … max`, `> 0 …` for an exclusive minimum, thousands with commas. */
function numericBounds(field: z.ZodType): string | undefined {
  const inner = field instanceof z.ZodDefault ? field.unwrap() : field;
  if (!(inner instanceof z.ZodNumber)) return undefined;
  const checks = inner._zod.def.checks ?? [];
  const exclusiveMin = checks.some((check) => {
    const def = check._zod.def as { check: string; inclusive?: boolean };
    return def.check === 'greater_than' && def.inclusive === false;
  });
  const number = (value: number) => value.toLocaleString('en-US');
  const low = inner.minValue === null ? '' : `${exclusiveMin ? '> ' : ''}${number(inner.minValue)}`;
  const high = inner.maxValue === null || inner.maxValue >= Number.MAX_SAFE_INTEGER ? '' : number(inner.maxValue);
  return `${low} … ${high}`.trim();
}

function documentedDefault(cell: string): { value: unknown } | undefined {
  const literal = code(cell);
  if (literal !== undefined) return { value: plain(literal) };
  if (cell in PROSE_DEFAULTS) return { value: PROSE_DEFAULTS[cell] };
  return undefined;
}

const markdown = readFileSync(DOC, 'utf8');
const tables = settingTables(markdown);
const rows = tables.flat();
const shape = envSchema.shape as Record<string, z.ZodType>;

describe(`${DOC} documents lib/core/env.ts`, () => {
  it('has one settings table and no setting rows outside it', () => {
    expect(tables, 'tables headed "| setting | default | bounds | what it protects |"').toHaveLength(1);
    expect(strayRows(markdown)).toEqual([]);
  });

  it('names exactly one setting per row, each once', () => {
    const names = rows.map((row) => code(row.name) ?? `not one \`NAME\` on line ${row.line}: ${row.name}`);
    expect(names.filter((name) => !/^[A-Z][A-Z0-9_]*$/.test(name))).toEqual([]);
    expect(names.filter((name, i) => names.indexOf(name) !== i), 'listed twice').toEqual([]);
  });

  it('lists every setting of the schema, and nothing else', () => {
    const documented = new Set(rows.map((row) => code(row.name)));
    const missing = Object.keys(shape)
      .filter((name) => !documented.has(name))
      .map((name) => {
        const fallback = schemaDefault(shape[name] as z.ZodType);
        const shown = fallback === undefined ? 'unset' : `\`${String(fallback)}\``;
        return `| \`${name}\` | ${shown} | ${numericBounds(shape[name] as z.ZodType) ?? '…'} | … |`;
      });
    expect(missing, `rows to add to ${DOC}`).toEqual([]);
    expect([...documented].filter((name) => name === undefined || !(name in shape)), 'rows that are not settings').toEqual([]);
  });

  it.each(rows.map((row) => [code(row.name) ?? row.name, row] as const))('%s: default, bounds and purpose', (name, row) => {
    const field = shape[name];
    if (field === undefined) return; // reported by the test above
    const documented = documentedDefault(row.defaultCell);
    expect(documented, `default cell "${row.defaultCell}": a \`value\` or one of ${Object.keys(PROSE_DEFAULTS).join(', ')}`).toBeDefined();
    const actual = schemaDefault(field);
    expect(documented?.value, 'documented default').toBe(actual === undefined ? undefined : String(actual));
    const bounds = numericBounds(field);
    if (bounds !== undefined) expect(plain(row.boundsCell), 'bounds').toBe(plain(bounds));
    else expect(row.boundsCell, 'bounds of a non-numeric setting, in words').not.toBe('');
    expect(row.protects.length, 'what it protects').toBeGreaterThan(10);
  });
});
