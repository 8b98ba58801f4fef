/**
 * The usage history as a file: every recorded sample and every daily local-log total of a period,
 * as CSV or JSON. The CLI (`brimline history export`) and the app's History view (Export…) both
 * call this module, so the two files are the same. It never writes an email unless asked, and
 * every free text (the names the user gave accounts) passes the log's secret redaction: a label
 * that held something secret-looking is replaced by the account's id-derived name.
 */
import type { UsageWindow, WindowKind } from '../../../shared/domain';
import { WINDOW_KINDS } from '../../../shared/domain';
import { accountLabel, windowLabel } from '../../../shared/labels';
import type { Translator } from '../../../shared/i18n/translator';
import { redact } from '../platform/log';
import type { HistoryStore } from './history-store';
import type { DailyTotal, HistorySample } from './types';

/** Raised when a column is added, removed or changes meaning; readers can check it. */
export const EXPORT_SCHEMA_VERSION = 1;

export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The CSV header, in order (docs/guide/history.md describes each). */
export const EXPORT_COLUMNS = [
  'kind',
  'time',
  'day',
  'account_id',
  'account_label',
  'email',
  'window_id',
  'window_kind',
  'window_label',
  'source',
  'used_percent',
  'resets_at',
  'imported',
  'input_tokens',
  'output_tokens',
  'cache_creation_tokens',
  'cache_read_tokens',
  'total_tokens',
  'cost_usd',
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/** What the caller knows of an account: the name the user gave it (null when none) and its email. */
export interface ExportAccount {
  id: string;
  name: string | null;
  email: string | null;
}

export interface HistoryExportInput {
  generatedAt: number;
  sinceMs: number;
  untilMs: number;
  days: number;
  /** The filters used, echoed in the JSON so a file says what it holds. */
  windowId: string | null;
  accountId: string | null;
  samples: readonly HistorySample[];
  daily: readonly DailyTotal[];
  accounts: readonly ExportAccount[];
  includeEmails: boolean;
  /** The catalogue's words for window and account names (the CLI passes English). */
  t: Translator['t'];
}

export interface ExportSampleRow {
  time: string;
  day: string;
  accountId: string;
  accountLabel: string;
  email?: string | null;
  windowId: string;
  windowKind: string;
  windowLabel: string;
  source: string;
  usedPercent: number;
  resetsAt: string | null;
  imported: boolean;
}

export interface ExportDailyRow {
  day: string;
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
  totalTokens: number;
  costUsd: number;
}

export interface HistoryExport {
  schemaVersion: number;
  generatedAt: string;
  since: string;
  until: string;
  days: number;
  window: string | null;
  account: string | null;
  includesEmails: boolean;
  columns: readonly ExportColumn[];
  samples: ExportSampleRow[];
  daily: ExportDailyRow[];
}

const DAY_MS = 86_400_000;

export interface ExportQuery {
  /** The last N days up to `now`. */
  days: number;
  now: number;
  windowId?: string | null;
  accountId?: string | null;
}

/**
 * Every sample of the period (with the filters), and the daily totals from the period's first
 * day on. Daily totals are this computer's local logs: they belong to no account or window, so
 * the filters leave them as they are.
 */
export async function readExportData(
  store: Pick<HistoryStore, 'read'>,
  daily: readonly DailyTotal[],
  q: ExportQuery,
): Promise<{ samples: HistorySample[]; daily: DailyTotal[]; sinceMs: number; untilMs: number }> {
  const sinceMs = q.now - q.days * DAY_MS;
  const samples = await store.read({
    sinceMs,
    untilMs: q.now,
    ...(q.windowId ? { windowId: q.windowId } : {}),
    ...(q.accountId ? { accountId: q.accountId } : {}),
  });
  const firstDay = new Date(sinceMs).toISOString().slice(0, 10);
  return { samples, daily: daily.filter((d) => d.date >= firstDay), sinceMs, untilMs: q.now };
}

const EMAIL_RE = /[^\s@]+@[^\s@]+\.[^\s@]+/;
const iso = (t: number): string => new Date(t).toISOString();

/** A history sample's window as the shared labels read it ("Weekly · Opus"). */
function windowOf(windowId: string, kind: string): UsageWindow {
  const k: WindowKind = (WINDOW_KINDS as readonly string[]).includes(kind) ? (kind as WindowKind) : 'other';
  return { id: windowId, kind: k, label: k === 'other' ? windowId : '', usedPercent: 0, resetsAt: null };
}

/**
 * The account's name for the file: the user's name for it, unless that is an email (and emails
 * were not asked for) or holds something secret-looking; else the id-derived name ("This
 * computer", "Organisation 1a2b3c4d", the id). With emails asked for, the email is the fallback.
 */
export function exportAccountName(
  input: Pick<HistoryExportInput, 't' | 'includeEmails'>,
  id: string,
  account: ExportAccount | undefined,
): string {
  const fallback = accountLabel(input.t, { id, label: id });
  const usable = (s: string | null | undefined): s is string =>
    typeof s === 'string' && s.trim() !== '' && redact(s) === s && (input.includeEmails || !EMAIL_RE.test(s));
  if (usable(account?.name)) return account.name;
  if (input.includeEmails && usable(account?.email)) return account.email;
  return fallback;
}

/** Builds the export: samples oldest first, then the daily totals oldest first. */
export function buildHistoryExport(input: HistoryExportInput): HistoryExport {
  const accounts = new Map(input.accounts.map((a) => [a.id, a]));
  const names = new Map<string, string>();
  const nameOf = (id: string): string => {
    let n = names.get(id);
    if (n === undefined) names.set(id, (n = exportAccountName(input, id, accounts.get(id))));
    return n;
  };
  const emailOf = (id: string): string | null => {
    const e = accounts.get(id)?.email ?? null;
    return e !== null && redact(e) === e ? e : null;
  };
  const samples = [...input.samples]
    .sort((a, b) => a.t - b.t)
    .map((s): ExportSampleRow => ({
      time: iso(s.t),
      day: iso(s.t).slice(0, 10),
      accountId: s.accountId,
      accountLabel: nameOf(s.accountId),
      ...(input.includeEmails ? { email: emailOf(s.accountId) } : {}),
      windowId: s.windowId,
      windowKind: s.kind,
      windowLabel: windowLabel(input.t, windowOf(s.windowId, s.kind)),
      source: s.sourceId,
      usedPercent: s.usedPercent,
      resetsAt: s.resetsAt === null ? null : iso(s.resetsAt),
      imported: s.imported,
    }));
  const daily = [...input.daily]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map((d): ExportDailyRow => ({
      day: d.date,
      inputTokens: d.inputTokens,
      outputTokens: d.outputTokens,
      cacheCreationTokens: d.cacheCreationTokens,
      cacheReadTokens: d.cacheReadTokens,
      totalTokens: d.totalTokens,
      costUsd: d.totalCost,
    }));
  return {
    schemaVersion: EXPORT_SCHEMA_VERSION,
    generatedAt: iso(input.generatedAt),
    since: iso(input.sinceMs),
    until: iso(input.untilMs),
    days: input.days,
    window: input.windowId,
    account: input.accountId,
    includesEmails: input.includeEmails,
    columns: EXPORT_COLUMNS,
    samples,
    daily,
  };
}

/** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A name a spreadsheet would read as a formula (`=`, `+`, `-`, `@` first) gets a leading `'`, so
 * opening the file never runs it. Only the names are free text; numbers are written as numbers.
 */
function textCell(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

type CsvRow = Partial<Record<ExportColumn, string | number | boolean | null>>;

function sampleCells(r: ExportSampleRow): CsvRow {
  return {
    kind: 'sample',
    time: r.time,
    day: r.day,
    account_id: r.accountId,
    account_label: textCell(r.accountLabel),
    email: r.email ? textCell(r.email) : null,
    window_id: r.windowId,
    window_kind: r.windowKind,
    window_label: textCell(r.windowLabel),
    source: r.source,
    used_percent: r.usedPercent,
    resets_at: r.resetsAt,
    imported: r.imported,
  };
}

function dailyCells(r: ExportDailyRow): CsvRow {
  return {
    kind: 'daily',
    day: r.day,
    input_tokens: r.inputTokens,
    output_tokens: r.outputTokens,
    cache_creation_tokens: r.cacheCreationTokens,
    cache_read_tokens: r.cacheReadTokens,
    total_tokens: r.totalTokens,
    cost_usd: r.costUsd,
  };
}

/** CSV with a header row and CRLF line ends (RFC 4180); sample rows first, then daily rows. */
export function exportToCsv(data: HistoryExport): string {
  const line = (row: CsvRow): string => EXPORT_COLUMNS.map((c) => csvField(row[c])).join(',');
  const lines = [EXPORT_COLUMNS.join(','), ...data.samples.map((r) => line(sampleCells(r))), ...data.daily.map((r) => line(dailyCells(r)))];
  return lines.join('\r\n') + '\r\n';
}

export function exportToJson(data: HistoryExport): string {
  return JSON.stringify(data, null, 2) + '\n';
}

export function renderHistoryExport(data: HistoryExport, format: ExportFormat): string {
  return format === 'csv' ? exportToCsv(data) : exportToJson(data);
}

/** The format a file name asks for: `.json` is JSON, anything else CSV. */
export function formatForFile(file: string): ExportFormat {
  return /\.json$/i.test(file) ? 'json' : 'csv';
}
