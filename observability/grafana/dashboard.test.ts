import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const here = path.dirname(new URL(import.meta.url).pathname);
const boardFile = path.join(here, 'dashboards/cache-lab.json');
const board = JSON.parse(readFileSync(boardFile, 'utf8')) as { panels: Record<string, unknown>[] } & Record<string, unknown>;

/**
 * Compiles `json` as a value of Grafana's dashboard types (board-schema.ts over @grafana/schema)
 * and returns the compiler's complaints: the JSON is written into a source file as a literal, so
 * TypeScript checks every field, enum value and unknown key as it would in Grafana's own code.
 */
function schemaErrors(json: unknown): string[] {
  const checked = path.join(here, '__board-check.ts');
  const source = `import type { CacheLabBoard } from './board-schema';\nexport const board: CacheLabBoard = ${JSON.stringify(json, null, 2)};\n`;
  const options: ts.CompilerOptions = {
    strict: true, noEmit: true, skipLibCheck: true, types: [],
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.fileExists = (name) => name === checked || ts.sys.fileExists(name);
  host.readFile = (name) => (name === checked ? source : readFile(name));
  host.getSourceFile = (name, version, ...rest) =>
    name === checked ? ts.createSourceFile(name, source, version) : getSourceFile(name, version, ...rest);
  const program = ts.createProgram([checked], options, host);
  const file = program.getSourceFile(checked)!;
  return [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].map((diagnostic) =>
    ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
  );
}

/** A copy of the board with one panel changed. */
function withPanel(index: number, change: (panel: Record<string, unknown>) => void) {
  const copy = structuredClone(board);
  change(copy.panels[index]!);
  return copy;
}

describe('the Grafana board against @grafana/schema', () => {
  it('is a Dashboard whose panels are what their plugins declare', () => {
    expect(schemaErrors(board)).toEqual([]);
  });

  it('fails on a panel without a plugin type', () => {
    const errors = schemaErrors(withPanel(0, (panel) => delete panel.type));
    expect(errors.join('\n')).toMatch(/Property 'type' is missing/);
  });

  it('fails on a grid position without a height, and on a legend placement Grafana does not have', () => {
    expect(schemaErrors(withPanel(1, (panel) => delete (panel.gridPos as Record<string, unknown>).h)).join('\n')).toMatch(/Property 'h' is missing/);
    const misplaced = withPanel(2, (panel) => {
      ((panel.options as Record<string, Record<string, unknown>>).legend!).placement = 'middle';
    });
    expect(schemaErrors(misplaced).join('\n')).toMatch(/Type '"middle"' is not assignable/);
  });

  it('fails on a misspelt option and on a panel with no query', () => {
    expect(schemaErrors(withPanel(7, (panel) => ((panel.options as Record<string, unknown>).rowHeigth = 0.8))).join('\n')).toMatch(/'"rowHeigth"' does not exist/);
    expect(schemaErrors(withPanel(3, (panel) => delete panel.targets)).join('\n')).toMatch(/Property 'targets' is missing/);
  });
});

describe('the board as a layout', () => {
  const panels = board.panels as { id: number; title: string; gridPos: { x: number; y: number; w: number; h: number }; targets: { datasource: { uid: string } }[] }[];

  it('has unique ids and panels that fit the 24 columns without overlapping', () => {
    expect(new Set(panels.map((panel) => panel.id)).size).toBe(panels.length);
    const cells = new Set<string>();
    for (const { title, gridPos } of panels) {
      expect(gridPos.x + gridPos.w, title).toBeLessThanOrEqual(24);
      for (let x = gridPos.x; x < gridPos.x + gridPos.w; x += 1) {
        for (let y = gridPos.y; y < gridPos.y + gridPos.h; y += 1) {
          expect(cells.has(`${x},${y}`), `${title} overlaps at ${x},${y}`).toBe(false);
          cells.add(`${x},${y}`);
        }
      }
    }
  });

  it('queries the data source the viewer picks, so the file imports into any Grafana', () => {
    const variables = (board.templating as { list: { name: string; type: string; query: string }[] }).list;
    expect(variables).toContainEqual(expect.objectContaining({ name: 'datasource', type: 'datasource', query: 'prometheus' }));
    for (const panel of panels) for (const target of panel.targets) expect(target.datasource.uid, panel.title).toBe('${datasource}');
  });
});
