/**
 * zod schemas for settings: the file on disk and the patches the renderer sends. Used in main only
 * (the renderer imports `settings.ts`, which has no zod).
 */
import { z } from 'zod';
import { SOURCE_IDS, type SourceId } from './domain';
import { acceleratorProblem, acceleratorProblemText, normaliseAccelerator } from './accelerator';
import { isAbsoluteFolder } from './folders';
import { MAX_EXTRA_KEYS, SECRET_NAMES, SECRET_SLOT_PATTERN } from './ipc';
import {
  DEFAULT_SETTINGS,
  MAX_ACCOUNT_FOLDERS,
  MAX_ACCOUNT_LABEL,
  MAX_POLL_MINUTES,
  MAX_THRESHOLDS,
  MIN_POLL_MINUTES,
  SETTINGS_SECTIONS,
  mergeSettings,
  normaliseThresholds,
  type Settings,
  type SettingsPatch,
} from './settings';

const threshold = z.number().int().min(1).max(100);
const thresholds = z
  .array(threshold)
  .max(MAX_THRESHOLDS)
  .refine((l) => new Set(l).size === l.length, 'thresholds must be unique')
  .transform((l) => normaliseThresholds(l));

const trayWindow = z.string().min(1).max(200);
const sourceSettings = z.object({ enabled: z.boolean() });
const folder = z.string().trim().min(1).max(4096).refine(isAbsoluteFolder, 'a folder must be an absolute path or start with ~');
const accountId = z.string().min(1).max(300);
const accountSettings = z.object({
  folders: z.array(folder).max(MAX_ACCOUNT_FOLDERS),
  ignoredFolders: z.array(folder).max(MAX_ACCOUNT_FOLDERS * 4),
  labels: z
    .record(accountId, z.string().trim().min(1).max(MAX_ACCOUNT_LABEL))
    .refine((r) => Object.keys(r).length <= 200, 'too many account labels'),
  order: z.array(accountId).max(200),
  collapsed: z.array(accountId).max(200),
  keys: z
    .array(z.object({ kind: z.enum(SECRET_NAMES), slot: z.string().regex(SECRET_SLOT_PATTERN) }).strict())
    .max(MAX_EXTRA_KEYS)
    .refine((l) => new Set(l.map((k) => `${k.kind}.${k.slot}`)).size === l.length, 'each key slot is listed once'),
});

/** A global shortcut: Electron's grammar, written one way (aliases resolved), with the reason when refused. */
const shortcut = z
  .string()
  .superRefine((v, ctx) => {
    const problem = acceleratorProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: `Not a shortcut: ${acceleratorProblemText(problem)}.` });
  })
  .transform((v) => normaliseAccelerator(v)!)
  .nullable();

function bySource<T extends z.ZodType>(schema: T): z.ZodObject<Record<SourceId, T>> {
  return z.object(Object.fromEntries(SOURCE_IDS.map((id) => [id, schema])) as Record<SourceId, T>);
}

export const settingsSchema = z.object({
  version: z.literal(1),
  pollIntervalMinutes: z.number().int().min(MIN_POLL_MINUTES).max(MAX_POLL_MINUTES),
  thresholds,
  notifications: z.object({ enabled: z.boolean(), onReset: z.boolean(), runsOut: z.boolean(), unusedAtReset: z.boolean() }),
  tray: z.object({ window: trayWindow, display: z.enum(['used', 'remaining']), paceMarker: z.boolean(), account: accountId }),
  accounts: accountSettings,
  launchAtLogin: z.boolean(),
  language: z.enum(['system', 'en', 'fr']),
  theme: z.enum(['system', 'light', 'dark']),
  monthlyApiBudget: z.number().positive().max(1e9).nullable(),
  claudeWebOrganization: z.string().min(1).max(100).nullable(),
  // A hand-edited file with a shortcut Electron cannot read loses the shortcut, not every setting.
  shortcut: shortcut.catch(null),
  pace: z.object({ workingDaysOnly: z.boolean() }),
  sources: bySource(sourceSettings),
  ui: z.object({ settingsSection: z.enum(SETTINGS_SECTIONS), compact: z.boolean() }),
}) satisfies z.ZodType<Settings, unknown>;

/** A patch from the renderer: every key optional, unknown keys rejected (strict). */
export const settingsPatchSchema = z
  .object({
    pollIntervalMinutes: settingsSchema.shape.pollIntervalMinutes,
    thresholds,
    notifications: settingsSchema.shape.notifications.partial().strict(),
    tray: settingsSchema.shape.tray.partial().strict(),
    accounts: accountSettings.partial().strict(),
    launchAtLogin: z.boolean(),
    language: settingsSchema.shape.language,
    theme: settingsSchema.shape.theme,
    monthlyApiBudget: settingsSchema.shape.monthlyApiBudget,
    claudeWebOrganization: settingsSchema.shape.claudeWebOrganization,
    shortcut,
    pace: settingsSchema.shape.pace.partial().strict(),
    sources: bySource(sourceSettings.partial().strict()).partial().strict(),
    ui: z
      .object({ settingsSection: z.enum(SETTINGS_SECTIONS), compact: z.boolean() })
      .partial()
      .strict(),
  })
  .partial()
  .strict();

export type ValidSettingsPatch = z.infer<typeof settingsPatchSchema>;

export function applySettingsPatch(current: Settings, patch: ValidSettingsPatch): Settings {
  return settingsSchema.parse(mergeSettings(current, patch satisfies SettingsPatch));
}

export { DEFAULT_SETTINGS };
