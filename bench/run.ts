/**
 * `npm run bench`: runs every benchmark under bench/ and prints one table against the targets of
 * docs/ARCHITECTURE.md §11. Benchmarks measure; they never fail the test suite. Each `bench/<area>.bench.ts`
 * exports `run(): Promise<BenchRow[]>`.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

export interface BenchRow {
  /** What was measured, e.g. "sync 50,000 accounts (10 connections)". */
  name: string;
  /** The measured value in `unit`. */
  value: number;
  unit: 'ms' | 's' | 'count' | 'MB';
  /** The docs/ARCHITECTURE.md §11 target in the same unit, when there is one; lower is better. */
  target?: number;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const rows: BenchRow[] = [];
let failed = false;
for (const file of files) {
  process.stderr.write(`running ${file}…\n`);
  try {
    const mod = (await import(pathToFileURL(path.join(here, file)).href)) as { run(): Promise<BenchRow[]> };
    rows.push(...(await mod.run()));
  } catch (error) {
    failed = true;
    process.stderr.write(`${file} failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  }
}

const format = (v: number, unit: BenchRow['unit']) =>
  unit === 'count' ? String(v) : unit === 'MB' ? `${Math.round(v)} MB` : `${v.toFixed(unit === 's' ? 2 : 1)} ${unit}`;
const table = rows.map((r) => ({
  benchmark: r.name,
  measured: format(r.value, r.unit),
  target: r.target === undefined ? '' : `< ${format(r.target, r.unit)}`,
  verdict: r.target === undefined ? '' : r.value < r.target ? 'met' : 'MISSED',
}));
console.table(table);
process.exit(failed ? 1 : 0);
