import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const FIXTURES = path.resolve(__dirname, '../../../../fixtures/claude-code-logs');
export const GENERATOR = path.resolve(__dirname, '../../../../fixtures/tools/gen-claude-logs.mjs');

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `brimline-${prefix}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export interface ExpectedDay {
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
  cost: number;
}

export interface Expected {
  days: Record<string, ExpectedDay>;
  totals: ExpectedDay;
  uniqueRequests: number;
}

/** Runs the team's generator into a temp dir; returns the tree and its expected.json. */
export function generateTree(args: { lines: number; files: number; seed: number; days?: number; end: string }): {
  dir: string;
  expected: Expected;
} {
  const dir = tempDir('gen');
  execFileSync(
    process.execPath,
    [
      GENERATOR,
      '--out',
      dir,
      '--lines',
      String(args.lines),
      '--files',
      String(args.files),
      '--seed',
      String(args.seed),
      '--days',
      String(args.days ?? 20),
      '--end',
      args.end,
    ],
    {
      stdio: 'ignore',
    },
  );
  return { dir, expected: JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected };
}

/**
 * An independent oracle: JSON.parse every line and apply the documented rules, for trees and
 * time zones expected.json does not cover.
 */
export function oracleDaily(files: string[], timeZone: string): Map<string, { tokens: [number, number, number, number] }> {
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const kept = new Map<string, { ts: string; u: [number, number, number, number] }>();
  for (const f of files) {
    for (const line of readFileSync(f, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const o = JSON.parse(line) as {
        timestamp?: string;
        requestId?: string;
        isApiErrorMessage?: boolean;
        message?: { id?: string; model?: string; usage?: Record<string, number> };
      };
      const u = o.message?.usage;
      if (!u || o.message?.model === '<synthetic>' || o.isApiErrorMessage) continue;
      const tokens: [number, number, number, number] = [
        u.input_tokens ?? 0,
        u.output_tokens ?? 0,
        u.cache_creation_input_tokens ?? 0,
        u.cache_read_input_tokens ?? 0,
      ];
      const key = o.message?.id ? `${o.message.id}${o.requestId ? `:${o.requestId}` : ''}` : line;
      const prev = kept.get(key);
      const sum = (t: number[]): number => t.reduce((a, b) => a + b, 0);
      if (!prev || sum(tokens) > sum(prev.u)) kept.set(key, { ts: o.timestamp!, u: tokens });
    }
  }
  const days = new Map<string, { tokens: [number, number, number, number] }>();
  for (const { ts, u } of kept.values()) {
    const day = fmt.format(new Date(ts));
    const d = days.get(day) ?? { tokens: [0, 0, 0, 0] };
    for (let i = 0; i < 4; i++) d.tokens[i]! += u[i]!;
    days.set(day, d);
  }
  return days;
}
