/**
 * The status line's trail: every observation `brimline statusline` records is also appended as one
 * short line to `<dataDir>/statusline/<hash of the config dir>.trail`, because the observation file
 * keeps only the latest. The app or `brimline status` moves the trail into the usage history when
 * it polls the status line, under the account the poll resolved, so an hour of Claude Code use
 * gives an hour of samples even when nothing else ran meanwhile.
 *
 * Line: `<observed ms> <5h percent|-> <5h reset ms|-> <7d percent|-> <7d reset ms|->\n`. One
 * O_APPEND write per observation (safe between concurrent sessions); a torn or foreign line is
 * skipped by the reader. Past MAX_TRAIL_BYTES the newest half is kept (an atomic rewrite; a line
 * appended by another session during that rewrite can be lost, and the history has it anyway
 * once polled). Hot path: node:fs and the atomic writer only.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../platform/fs/atomic';
import { observationDir, observationFile } from './observation-store';
import type { Observation, ObservedWindow } from './payload';

export const MAX_TRAIL_BYTES = 256 * 1024;

export function trailFile(dataDir: string, configDir: string): string {
  return observationFile(dataDir, configDir).replace(/\.json$/, '.trail');
}

function field(w: ObservedWindow | undefined): string {
  if (!w) return '- -';
  const r = w.resetsAt === null ? NaN : Date.parse(w.resetsAt);
  return `${w.usedPercent} ${Number.isFinite(r) ? r : '-'}`;
}

export function trailLine(obs: Observation): string {
  return `${Date.parse(obs.observedAt)} ${field(obs.fiveHour)} ${field(obs.sevenDay)}\n`;
}

/** Appends the observation; keeps the file bounded. */
export async function appendTrail(dataDir: string, obs: Observation): Promise<void> {
  const file = trailFile(dataDir, obs.configDir);
  const fh = await fsp.open(file, 'a', 0o600);
  let size: number;
  try {
    await fh.appendFile(trailLine(obs));
    size = (await fh.stat()).size;
  } finally {
    await fh.close();
  }
  if (size <= MAX_TRAIL_BYTES) return;
  const text = await fsp.readFile(file, 'utf8');
  const keep = text.slice(text.length - MAX_TRAIL_BYTES / 2);
  await writeFileAtomic(file, keep.slice(keep.indexOf('\n') + 1));
}

export interface TrailEntry {
  t: number;
  fiveHour: { usedPercent: number; resetsAt: number | null } | null;
  sevenDay: { usedPercent: number; resetsAt: number | null } | null;
}

function window(u: string | undefined, r: string | undefined): TrailEntry['fiveHour'] | undefined {
  if (u === '-') return r === '-' ? null : undefined;
  const usedPercent = Number(u);
  if (u === undefined || u === '' || !Number.isFinite(usedPercent) || usedPercent < 0) return undefined;
  if (r === '-') return { usedPercent, resetsAt: null };
  const resetsAt = Number(r);
  return r !== undefined && Number.isInteger(resetsAt) ? { usedPercent, resetsAt } : undefined;
}

/** Complete, well-formed lines in time order; anything else is skipped. */
export function parseTrail(text: string): TrailEntry[] {
  const out: TrailEntry[] = [];
  const lines = text.split('\n');
  // The last piece has no newline: incomplete (or empty).
  for (const line of lines.slice(0, -1)) {
    const p = line.split(' ');
    if (p.length !== 5) continue;
    const t = Number(p[0]);
    const fiveHour = window(p[1], p[2]);
    const sevenDay = window(p[3], p[4]);
    if (!Number.isInteger(t) || t <= 0 || fiveHour === undefined || sevenDay === undefined) continue;
    out.push({ t, fiveHour, sevenDay });
  }
  return out.sort((a, b) => a.t - b.t);
}

/** Every trail in the data dir (one per Claude Code config dir), parsed; unreadable ones are empty. */
export async function readTrails(dataDir: string): Promise<TrailEntry[][]> {
  const dir = observationDir(dataDir);
  const names = (await fsp.readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.trail'));
  return Promise.all(names.map(async (n) => parseTrail(await fsp.readFile(path.join(dir, n), 'utf8').catch(() => ''))));
}
