/**
 * The settings store: loads settings.json (quarantining a corrupt one, migrating older files),
 * applies validated patches, persists atomically and tells listeners.
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { SOURCE_IDS } from '../../../shared/domain';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/settings';
import { applySettingsPatch, settingsPatchSchema, settingsSchema } from '../../../shared/settings-schema';
import { renameLegacySettingsKeys } from '../migration/shapes';
import { JsonFileStore } from '../platform/fs/json-file-store';
import { FILES } from '../platform/paths';

export type SettingsListener = (s: Settings) => void;

export class SettingsStore {
  private current: Settings = structuredClone(DEFAULT_SETTINGS);
  private readonly listeners = new Set<SettingsListener>();
  private readonly store: JsonFileStore<Settings>;

  constructor(dir: string) {
    this.store = new JsonFileStore<Settings>({
      file: path.join(dir, FILES.settings),
      parse: parseSettings,
      describeProblem: (reason, movedTo) =>
        `Your settings file could not be read (${reason}); it was moved to ${movedTo} and the defaults are in use.`,
    });
  }

  get file(): string {
    return this.store.file;
  }

  /** A message for the user when the file was unreadable at start-up. */
  get loadProblem(): string | null {
    return this.store.loadProblem;
  }

  async load(): Promise<Settings> {
    const loaded = await this.store.load();
    if (loaded) this.current = loaded;
    return this.current;
  }

  get(): Settings {
    return this.current;
  }

  /**
   * Reads the file again after another process (the app) saved it, and tells the listeners when
   * it differs. Unlike `load`, an unreadable or invalid file is left where it is and changes
   * nothing: the process that owns the settings deals with it. For `brimline status --watch`.
   */
  async reread(): Promise<boolean> {
    let next: Settings;
    try {
      const parsed = parseSettings(JSON.parse(await readFile(this.store.file, 'utf8')) as unknown);
      if (!parsed.ok) return false;
      next = parsed.value;
    } catch {
      return false;
    }
    if (JSON.stringify(next) === JSON.stringify(this.current)) return false;
    this.current = next;
    for (const l of this.listeners) l(next);
    return true;
  }

  /** Validates an untrusted patch (IPC), applies it and persists. Throws a readable error when invalid or unsaved. */
  async update(patch: unknown): Promise<Settings> {
    const parsed = settingsPatchSchema.safeParse(patch);
    if (!parsed.success)
      throw new Error(`Invalid settings: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
    const next = applySettingsPatch(this.current, parsed.data);
    await this.store.save(next);
    this.current = next;
    for (const l of this.listeners) l(next);
    return next;
  }

  onChange(listener: SettingsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function parseSettings(raw: unknown): { ok: true; value: Settings } | { ok: false; error: string } {
  const parsed = settingsSchema.safeParse(migrate(renameLegacySettingsKeys(raw)));
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: parsed.error.issues[0]?.message ?? 'invalid' };
}

type Json = Record<string, unknown>;

function record(v: unknown): Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};
}

/** Source settings keys of files written before sources were keyed by id. */
const LEGACY_SOURCE_KEYS: Readonly<Record<string, string>> = { claudeCode: 'claude-oauth', localLogs: 'local-logs' };
/** Tray pins of files written before windows merged across sources ("claude-oauth/five_hour"). */
const LEGACY_TRAY_WINDOWS: Readonly<Record<string, string>> = { five_hour: 'session', seven_day: 'weekly' };

/**
 * Older or partial files keep working: missing keys take their defaults and earlier spellings are
 * carried over. A file without `version` is another app's: it is left to fail validation and be
 * set aside, never taken as settings.
 */
export function migrate(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const r = raw as Json;
  if (!('version' in r)) return raw;
  const saved = record(r.sources);
  const sources: Json = {};
  for (const id of SOURCE_IDS) {
    const legacy = Object.keys(LEGACY_SOURCE_KEYS).find((k) => LEGACY_SOURCE_KEYS[k] === id);
    sources[id] = { ...DEFAULT_SETTINGS.sources[id], ...(legacy ? record(saved[legacy]) : {}), ...record(saved[id]) };
  }
  const tray = { ...DEFAULT_SETTINGS.tray, ...record(r.tray) };
  if (typeof tray.window === 'string' && tray.window.includes('/')) {
    const windowId = tray.window.slice(tray.window.indexOf('/') + 1);
    tray.window = LEGACY_TRAY_WINDOWS[windowId] ?? windowId.toLowerCase();
  }
  return {
    ...DEFAULT_SETTINGS,
    ...r,
    notifications: { ...DEFAULT_SETTINGS.notifications, ...record(r.notifications) },
    tray,
    pace: { ...DEFAULT_SETTINGS.pace, ...record(r.pace) },
    accounts: { ...DEFAULT_SETTINGS.accounts, ...record(r.accounts) },
    ui: { ...DEFAULT_SETTINGS.ui, ...record(r.ui) },
    sources,
  };
}
