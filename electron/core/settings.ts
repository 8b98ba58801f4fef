/**
 * The settings store: loads settings.json (quarantining a corrupt one), applies validated patches,
 * persists atomically and tells listeners.
 */
import * as path from 'node:path';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import { applySettingsPatch, settingsPatchSchema, settingsSchema } from '../../shared/settings-schema';
import { loadJsonFile, writeJsonAtomic } from './fs/atomic';
import { FILES } from './paths';

export type SettingsListener = (s: Settings) => void;

export class SettingsStore {
  private current: Settings = structuredClone(DEFAULT_SETTINGS);
  private readonly listeners = new Set<SettingsListener>();
  /** A message for the user when the file was unreadable at start-up. */
  loadProblem: string | null = null;

  constructor(private readonly dir: string) {}

  get file(): string {
    return path.join(this.dir, FILES.settings);
  }

  async load(): Promise<Settings> {
    const res = await loadJsonFile(this.file, (raw) => {
      const parsed = settingsSchema.safeParse(mergeDefaults(raw));
      return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: parsed.error.issues[0]?.message ?? 'invalid' };
    });
    if (res.kind === 'loaded') this.current = res.value;
    if (res.kind === 'quarantined') {
      this.loadProblem = `Your settings file could not be read (${res.reason}); it was moved to ${res.movedTo} and the defaults are in use.`;
    }
    return this.current;
  }

  get(): Settings {
    return this.current;
  }

  /** Validates an untrusted patch (IPC), applies it and persists. Throws a readable error when invalid. */
  async update(patch: unknown): Promise<Settings> {
    const parsed = settingsPatchSchema.safeParse(patch);
    if (!parsed.success)
      throw new Error(`Invalid settings: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
    const next = applySettingsPatch(this.current, parsed.data);
    await writeJsonAtomic(this.file, next);
    this.current = next;
    for (const l of this.listeners) l(next);
    return next;
  }

  onChange(listener: SettingsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Older or partial files keep working: missing keys take their defaults. */
function mergeDefaults(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const r = raw as Record<string, unknown>;
  // Every settings file Headroom wrote has `version`; without it the file is another app's: set it aside.
  if (!('version' in r)) return raw;
  const obj = (k: keyof Settings): Record<string, unknown> => {
    const v = r[k];
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  };
  const sources = obj('sources');
  const sub = (k: string): Record<string, unknown> => {
    const v = sources[k];
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  };
  return {
    ...DEFAULT_SETTINGS,
    ...r,
    notifications: { ...DEFAULT_SETTINGS.notifications, ...obj('notifications') },
    tray: { ...DEFAULT_SETTINGS.tray, ...obj('tray') },
    sources: {
      claudeCode: { ...DEFAULT_SETTINGS.sources.claudeCode, ...sub('claudeCode') },
      localLogs: { ...DEFAULT_SETTINGS.sources.localLogs, ...sub('localLogs') },
    },
  };
}
