/**
 * Backfill from Claude Desktop's `plan-usage-history.json`, so history starts full on day one.
 *
 * The file is undocumented. As other tools report it: `{"version":2,"samples":[{"t":ms,"org":uuid,
 * "u":{"fh":%,"sd":%,"xu":%}}]}` — fh the five-hour session window, sd the seven-day weekly window,
 * xu extra usage — a rolling 30 days, without reset times. It is read, never written. An unknown
 * version or a truncated file imports nothing and says why; a sample that does not fit is skipped
 * on its own. Re-importing never duplicates: a sample already imported (same account, window and
 * time) or older than the newest one imported for its window is left out, so samples thinned by
 * compaction are not brought back either.
 */
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { z } from 'zod';
import type { Env } from '../platform/paths';
import type { HistoryStore } from './history-store';
import type { HistorySample } from './types';

export const CLAUDE_DESKTOP_SOURCE_ID = 'claude-desktop';
export const CLAUDE_DESKTOP_FILE = 'plan-usage-history.json';
const KNOWN_VERSION = 2;
const MAX_BYTES = 64 * 1024 * 1024;
const DAY_MS = 86_400_000;

/** Desktop's keys and the windows they are in Brimline. */
export const DESKTOP_WINDOWS = {
  // The merged windows' identities, so imported samples join the live series.
  fh: { windowId: 'session', kind: 'session' },
  sd: { windowId: 'weekly', kind: 'weekly' },
  xu: { windowId: 'extra_usage', kind: 'other' },
} as const;

/** Where Claude Desktop keeps the file on this OS (Linux builds use ~/.config/Claude). */
export function claudeDesktopHistoryPath(
  env: Env = process.env,
  platform: NodeJS.Platform = process.platform,
  home = os.homedir(),
): string {
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Claude', CLAUDE_DESKTOP_FILE);
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Claude', CLAUDE_DESKTOP_FILE);
  return path.join(env.XDG_CONFIG_HOME?.trim() || path.join(home, '.config'), 'Claude', CLAUDE_DESKTOP_FILE);
}

const percent = z.number().finite().min(0).max(100_000).nullish();
const sampleSchema = z.object({
  t: z.number().int().positive(),
  org: z.string().min(1).max(200),
  u: z.object({ fh: percent, sd: percent, xu: percent }),
});

export interface DesktopSample {
  t: number;
  org: string;
  fh: number | null;
  sd: number | null;
  xu: number | null;
}

export type DesktopParseFailure = 'truncated' | 'not_json' | 'unknown_version' | 'bad_shape' | 'too_large' | 'unreadable';

export type DesktopParse =
  { ok: true; samples: DesktopSample[]; skipped: number } | { ok: false; reason: DesktopParseFailure; message: string };

function failure(reason: DesktopParseFailure, file: string, detail?: string): { ok: false; reason: DesktopParseFailure; message: string } {
  const name = `Claude Desktop's usage history (${file})`;
  const message: Record<DesktopParseFailure, string> = {
    truncated: `${name} ends in the middle, probably because Claude Desktop was writing it; nothing was imported. Brimline tries again the next time it starts.`,
    not_json: `${name} is not JSON; nothing was imported. If Claude Desktop shows your usage normally, update Brimline.`,
    unknown_version: `${name} has format version ${detail ?? 'unknown'}, which this version of Brimline does not know; nothing was imported. Update Brimline to import it.`,
    bad_shape: `${name} does not have the expected shape (${detail ?? 'no samples list'}); nothing was imported. Update Brimline to import it.`,
    too_large: `${name} is larger than ${MAX_BYTES / 1024 / 1024} MB, far more than 30 days of samples; it was not imported.`,
    unreadable: `${name} could not be read (${detail ?? 'unknown error'}); nothing was imported. Check that Brimline may read that folder.`,
  };
  return { ok: false, reason, message: message[reason] };
}

/** Parses the file's text. Pure. */
export function parseClaudeDesktopHistory(text: string, file = CLAUDE_DESKTOP_FILE): DesktopParse {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    const t = text.trim();
    // Cut short: it starts like the file but never closes.
    return t.startsWith('{') && !t.endsWith('}') ? failure('truncated', file) : failure('not_json', file);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return failure('bad_shape', file, 'not an object');
  const top = raw as { version?: unknown; samples?: unknown };
  if (top.version !== KNOWN_VERSION) return failure('unknown_version', file, JSON.stringify(top.version ?? null));
  if (!Array.isArray(top.samples)) return failure('bad_shape', file, '"samples" is not a list');
  const samples: DesktopSample[] = [];
  let skipped = 0;
  for (const item of top.samples) {
    const s = sampleSchema.safeParse(item);
    if (!s.success) {
      skipped++;
      continue;
    }
    const { t, org, u } = s.data;
    if (u.fh == null && u.sd == null && u.xu == null) {
      skipped++;
      continue;
    }
    samples.push({ t, org, fh: u.fh ?? null, sd: u.sd ?? null, xu: u.xu ?? null });
  }
  return { ok: true, samples, skipped };
}

export type DesktopImportResult =
  | { kind: 'missing'; file: string }
  | { kind: 'imported'; file: string; added: number; alreadyPresent: number; skipped: number }
  | { kind: 'failed'; file: string; reason: DesktopParseFailure; message: string };

export interface DesktopImportOptions {
  now: () => number;
  /**
   * The account id the usage store uses for a Desktop organisation uuid (default: the uuid
   * itself). Null: not known yet (no profile has named it); those samples wait for a later import.
   */
  accountIdForOrg?: (org: string) => string | null;
  retentionDays?: number;
}

/** Reads the file (read-only) and appends the samples the store does not have yet. */
export async function importClaudeDesktopHistory(
  store: HistoryStore,
  file: string,
  opts: DesktopImportOptions,
): Promise<DesktopImportResult> {
  let text: string;
  try {
    const st = await fsp.stat(file);
    if (!st.isFile()) return { kind: 'failed', file, ...failure('unreadable', file, 'it is not a file') };
    if (st.size > MAX_BYTES) return { kind: 'failed', file, ...failure('too_large', file) };
    text = await fsp.readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing', file };
    return { kind: 'failed', file, ...failure('unreadable', file, code ?? 'unknown error') };
  }
  const parsed = parseClaudeDesktopHistory(text, file);
  if (!parsed.ok) return { kind: 'failed', file, reason: parsed.reason, message: parsed.message };

  const now = opts.now();
  const oldest = now - (opts.retentionDays ?? 90) * DAY_MS;
  const account = opts.accountIdForOrg ?? ((org: string): string | null => org);
  const candidates: HistorySample[] = [];
  let skipped = parsed.skipped;
  for (const s of parsed.samples) {
    // Outside what the store keeps, or from a clock that is ahead: not history.
    if (s.t < oldest || s.t > now + 5 * 60_000) {
      skipped++;
      continue;
    }
    const accountId = account(s.org);
    if (accountId === null) {
      skipped++;
      continue;
    }
    for (const key of ['fh', 'sd', 'xu'] as const) {
      const u = s[key];
      if (u === null) continue;
      const w = DESKTOP_WINDOWS[key];
      candidates.push({
        t: s.t,
        accountId,
        windowId: w.windowId,
        kind: w.kind,
        sourceId: CLAUDE_DESKTOP_SOURCE_ID,
        usedPercent: u,
        resetsAt: null,
        imported: true,
      });
    }
  }
  if (candidates.length === 0) return { kind: 'imported', file, added: 0, alreadyPresent: 0, skipped };

  let minT = Infinity;
  for (const c of candidates) minT = Math.min(minT, c.t);
  const present = new Set<string>();
  const newest = new Map<string, number>();
  for (const s of await store.read({ sinceMs: Math.min(minT, now - 31 * DAY_MS) })) {
    if (!s.imported || s.sourceId !== CLAUDE_DESKTOP_SOURCE_ID) continue;
    const series = `${s.accountId}\u0000${s.windowId}`;
    present.add(`${series}\u0000${s.t}`);
    newest.set(series, Math.max(newest.get(series) ?? -Infinity, s.t));
  }
  const fresh: HistorySample[] = [];
  const seen = new Set<string>();
  let alreadyPresent = 0;
  for (const c of candidates) {
    const series = `${c.accountId}\u0000${c.windowId}`;
    const key = `${series}\u0000${c.t}`;
    if (present.has(key) || c.t <= (newest.get(series) ?? -Infinity)) {
      alreadyPresent++;
      continue;
    }
    // The file itself may repeat a sample.
    if (seen.has(key)) continue;
    seen.add(key);
    fresh.push(c);
  }
  fresh.sort((a, b) => a.t - b.t);
  const added = await store.append(fresh);
  return { kind: 'imported', file, added, alreadyPresent, skipped };
}
