/**
 * The user's price file, `prices.json` in the data folder: rows that override or add models
 * without an update (documented in docs/pricing.md). A bad file never stops a scan and loses
 * nothing: the bundled prices stay in use and the problem names the line and the entry at fault.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { BUILT_IN_PRICES, BUILT_IN_ROWS, PriceTable, type PriceOrigin, type PriceRow } from './pricing';

export const USER_PRICES_FILE = 'prices.json';

/**
 * USD per million tokens. The ceiling is far above any price (a million dollars per million
 * tokens) and keeps the rates derived from it (×2 for 1-hour writes) finite.
 */
const rate = z.number().finite().nonnegative().max(1_000_000);
const entrySchema = z
  .object({
    id: z.string().trim().min(1).optional(),
    ids: z.array(z.string().trim().min(1)).min(1).optional(),
    family: z.string().trim().min(1).optional(),
    input: rate,
    output: rate,
    cacheWrite5m: rate.optional(),
    cacheWrite1h: rate.optional(),
    cacheRead: rate.optional(),
    fast: z.object({ input: rate, output: rate }).strict().nullable().optional(),
    usOnlyMultiplier: z.number().finite().min(1).optional(),
    note: z.string().optional(),
  })
  .strict()
  .refine((e) => e.id !== undefined || e.ids !== undefined, { message: 'needs "id" (or "ids") naming the model' });
const fileSchema = z.object({ models: z.array(entrySchema) }).strict();
type Entry = z.infer<typeof entrySchema>;

export interface UserPrices {
  /** The table in use: built-in rows, replaced or extended by the user's. */
  table: PriceTable;
  /** Absolute path of the user's file (whether or not it exists). */
  file: string;
  /** Rows taken from the file (0 when it is absent or refused). */
  rows: number;
  /** Why the file was refused, naming the line and entry; null when it is absent or fine. */
  problem: string | null;
}

/** 1-based line and column of character `at`. */
function lineCol(text: string, at: number): { line: number; col: number } {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, col: at - last };
}

/** Line of each element of the top-level `models` array, found by walking the JSON text. */
function entryLines(text: string): number[] {
  const lines: number[] = [];
  let depth = 0;
  let inModels = false;
  let line = 1;
  let lastKey = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (depth === 1) lastKey = text.slice(i + 1, j);
      i = j;
    } else if (c === '[' || c === '{') {
      if (depth === 1 && c === '[' && lastKey === 'models') inModels = true;
      else if (depth === 2 && inModels && c === '{') lines.push(line);
      depth++;
    } else if (c === ']' || c === '}') {
      depth--;
      if (depth === 1) inModels = false;
    }
  }
  return lines;
}

function describeIssue(issue: z.core.$ZodIssue, parsed: unknown, lines: number[]): string {
  const [top, index, ...rest] = issue.path;
  if (top === 'models' && typeof index === 'number') {
    const raw = (parsed as { models: unknown[] }).models[index] as Record<string, unknown> | undefined;
    const name = typeof raw?.id === 'string' ? ` (${raw.id})` : '';
    const where = lines[index] !== undefined ? `line ${lines[index]}, ` : '';
    const field = rest.length > 0 ? `"${rest.join('.')}": ` : '';
    return `${where}entry ${index + 1}${name}: ${field}${issue.message}`;
  }
  return `${issue.path.length > 0 ? `"${issue.path.join('.')}": ` : ''}${issue.message}`;
}

/** A user row: omitted fields come from the bundled row of the same model, else from the standard caching multipliers. */
function toRow(e: Entry, file: string): PriceRow {
  const ids = e.ids ?? [e.id!];
  // A bundled row's multipliers apply only where it has an input price to divide by.
  const base = ids.map((id) => BUILT_IN_PRICES.row(id)).find((r) => r !== null && r.input > 0) ?? null;
  const origin: PriceOrigin = { kind: 'user', file };
  // An omitted fast rate keeps the bundled one, with its source; null removes it.
  const fast = e.fast === undefined ? (base?.fast ?? null) : e.fast ? { input: e.fast.input, output: e.fast.output, origin } : null;
  return {
    family: e.family ?? base?.family ?? ids[0]!,
    ids,
    input: e.input,
    output: e.output,
    cacheWrite5m: e.cacheWrite5m ?? (base ? (base.cacheWrite5m / base.input) * e.input : e.input * 1.25),
    cacheWrite1h: e.cacheWrite1h ?? (base ? (base.cacheWrite1h / base.input) * e.input : e.input * 2),
    cacheRead: e.cacheRead ?? (base ? (base.cacheRead / base.input) * e.input : e.input * 0.1),
    fast,
    usOnlyMultiplier: e.usOnlyMultiplier ?? base?.usOnlyMultiplier ?? 1,
    origin,
  };
}

/** Parses the text of a price file. Throws an Error whose message names the line and the entry at fault. */
export function parseUserPrices(text: string, file: string): PriceRow[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const pos = /position (\d+)/.exec(msg);
    // A truncated file ("Unexpected end of JSON input") is at fault where it stops.
    const at = pos ? Number(pos[1]) : /end of JSON/i.test(msg) ? text.trimEnd().length : -1;
    const where = at >= 0 ? lineCol(text, at) : null;
    throw new Error(
      `${where ? `line ${where.line}, column ${where.col}: ` : ''}not valid JSON (${msg.replace(/ in JSON at position \d+.*$/s, '')})`,
    );
  }
  const r = fileSchema.safeParse(parsed);
  if (!r.success) {
    const lines = entryLines(text);
    throw new Error(r.error.issues.map((i) => describeIssue(i, parsed, lines)).join('; '));
  }
  return r.data.models.map((e) => toRow(e, file));
}

/** Reads `prices.json` from the data folder. Never throws: a bad file leaves the bundled prices in use. */
export function loadUserPrices(dataDir: string): UserPrices {
  const file = path.join(dataDir, USER_PRICES_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { table: BUILT_IN_PRICES, file, rows: 0, problem: null };
    return {
      table: BUILT_IN_PRICES,
      file,
      rows: 0,
      problem: `${file} could not be read (${code ?? String(err)}); Brimline's bundled prices are in use.`,
    };
  }
  try {
    const rows = parseUserPrices(text, file);
    return { table: new PriceTable([...BUILT_IN_ROWS, ...rows]), file, rows: rows.length, problem: null };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return {
      table: BUILT_IN_PRICES,
      file,
      rows: 0,
      problem: `${file} was not used: ${why}. Brimline's bundled prices are in use until it is fixed.`,
    };
  }
}
