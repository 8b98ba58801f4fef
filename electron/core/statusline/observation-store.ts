/**
 * Where status-line observations live: `<dataDir>/statusline/<hash of the config dir>.json`, one
 * small file per Claude Code config dir (one account each). Separate files, not one shared map, so
 * two Claude Code sessions on different accounts that render at the same moment never overwrite
 * each other's entry: each write is a single atomic rename with no read-modify-write. Sessions on
 * the same config dir share the file, and the latest wins, which is what the numbers mean.
 *
 * The writer runs after every Claude Code response, so it imports nothing heavy (no zod) and reads
 * nothing back; the reader (the app) validates by hand with the same rules as the payload.
 */
import type { Result } from '../../../shared/result';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { loadJsonFile, writeJsonAtomic } from '../platform/fs/atomic';
import { FILES } from '../platform/paths';
import { MAX_PERCENT, type Observation, type ObservedSpendLimit, type ObservedWindow } from './payload';

/** More config dirs than anyone uses; past this the oldest files go. */
export const MAX_OBSERVATION_FILES = 32;

export function observationDir(dataDir: string): string {
  return path.join(dataDir, FILES.statusline);
}

/** 64-bit FNV-1a: a stable file name per config dir without loading node:crypto on the hot path. */
export function configDirKey(configDir: string): string {
  let h = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(configDir, 'utf8')) h = BigInt.asUintN(64, (h ^ BigInt(byte)) * 0x100000001b3n);
  return h.toString(16).padStart(16, '0');
}

export function observationFile(dataDir: string, configDir: string): string {
  const key = configDirKey(configDir);
  return path.join(observationDir(dataDir), `${key}.json`);
}

const isObservationName = (name: string): boolean => name.endsWith('.json') && !name.startsWith('.');

/** Writes the observation atomically (temp + fsync + rename, 0600) and keeps the folder bounded. */
export async function recordObservation(dataDir: string, obs: Observation): Promise<string> {
  const file = observationFile(dataDir, obs.configDir);
  await writeJsonAtomic(file, obs);
  await prune(path.dirname(file), file);
  return file;
}

async function prune(dir: string, keep: string): Promise<void> {
  const names = (await fsp.readdir(dir).catch(() => [] as string[])).filter(isObservationName);
  if (names.length <= MAX_OBSERVATION_FILES) return;
  const dated = await Promise.all(
    names.map(async (n) => {
      const f = path.join(dir, n);
      const st = await fsp.stat(f).catch(() => null);
      return { f, t: st ? st.mtimeMs : 0 };
    }),
  );
  dated.sort((a, b) => b.t - a.t);
  for (const { f } of dated.slice(MAX_OBSERVATION_FILES)) if (f !== keep) await fsp.rm(f, { force: true }).catch(() => undefined);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Only an ISO-8601 date-time counts: `Date.parse` also takes "-1" or "2" as years. */
const isIso = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) && Number.isFinite(Date.parse(v));
const isNullableString = (v: unknown): v is string | null => v === null || typeof v === 'string';

function checkWindow(v: unknown): ObservedWindow | undefined | false {
  if (v === undefined) return undefined;
  if (!isRecord(v)) return false;
  const { usedPercent, resetsAt, observedAt } = v;
  if (typeof usedPercent !== 'number' || !Number.isFinite(usedPercent) || usedPercent < 0 || usedPercent > MAX_PERCENT) return false;
  if (resetsAt !== null && !isIso(resetsAt)) return false;
  if (observedAt !== undefined && !isIso(observedAt)) return false;
  return {
    usedPercent,
    resetsAt: resetsAt === null ? null : new Date(Date.parse(resetsAt)).toISOString(),
    ...(observedAt === undefined ? {} : { observedAt: new Date(Date.parse(observedAt)).toISOString() }),
  };
}

const isDollars = (v: unknown): v is number | null => v === null || (typeof v === 'number' && Number.isFinite(v) && v >= 0);

function checkSpendLimit(v: unknown): ObservedSpendLimit | undefined | false {
  const w = checkWindow(v);
  if (w === undefined) return undefined;
  if (w === false || !isRecord(v)) return false;
  const { usedUsd, limitUsd, period } = v;
  if (!isDollars(usedUsd) || !isDollars(limitUsd) || !isNullableString(period)) return false;
  return { ...w, usedUsd, limitUsd, period };
}

/** Validates a stored observation; anything else is reported so the file is set aside. */
export function parseObservation(raw: unknown): Result<Observation> {
  if (!isRecord(raw) || raw.version !== 1) return { ok: false, error: 'it is not a Brimline status-line observation (version 1)' };
  const fiveHour = checkWindow(raw.fiveHour);
  const sevenDay = checkWindow(raw.sevenDay);
  const spendLimit = checkSpendLimit(raw.spendLimit);
  if (fiveHour === false || sevenDay === false || spendLimit === false) return { ok: false, error: 'a window has an impossible value' };
  if (!isIso(raw.observedAt) || typeof raw.configDir !== 'string' || typeof raw.apiKeyBilling !== 'boolean')
    return { ok: false, error: 'observedAt, configDir or apiKeyBilling is missing' };
  if (!isNullableString(raw.claudeCodeVersion) || !isNullableString(raw.sessionId))
    return { ok: false, error: 'claudeCodeVersion or sessionId is not a string' };
  const value: Observation = {
    version: 1,
    observedAt: new Date(Date.parse(raw.observedAt)).toISOString(),
    claudeCodeVersion: raw.claudeCodeVersion,
    sessionId: raw.sessionId,
    configDir: raw.configDir,
    apiKeyBilling: raw.apiKeyBilling,
  };
  if (fiveHour) value.fiveHour = fiveHour;
  if (sevenDay) value.sevenDay = sevenDay;
  if (spendLimit) value.spendLimit = spendLimit;
  return { ok: true, value };
}

export interface LoadedObservations {
  /** Newest first. */
  observations: Observation[];
  /** Files that could not be read and were moved aside as `<name>.corrupt-<time>`. */
  quarantined: Array<{ movedTo: string; reason: string }>;
}

/**
 * Reads every observation, or only one config dir's (its own file: a status-line instance per
 * folder reads nothing else). A corrupt file is set aside (never deleted) and the others still count.
 */
export async function loadObservations(dataDir: string, now: () => number = Date.now, configDir?: string): Promise<LoadedObservations> {
  const dir = observationDir(dataDir);
  const names =
    configDir === undefined
      ? (await fsp.readdir(dir).catch(() => [] as string[])).filter(isObservationName).slice(0, MAX_OBSERVATION_FILES * 2)
      : [path.basename(observationFile(dataDir, configDir))];
  const out: LoadedObservations = { observations: [], quarantined: [] };
  for (const name of names) {
    const res = await loadJsonFile(path.join(dir, name), parseObservation, now).catch(() => null);
    if (!res || res.kind === 'missing') continue;
    if (res.kind === 'quarantined') out.quarantined.push({ movedTo: res.movedTo, reason: res.reason });
    else out.observations.push(res.value);
  }
  out.observations.sort((a, b) => Date.parse(b.observedAt) - Date.parse(a.observedAt));
  return out;
}
