/**
 * zod schemas for settings: the file on disk and the patches the renderer sends. Used in main only
 * (the renderer imports `settings.ts`, which has no zod).
 */
import { z } from 'zod';
import { DEFAULT_SETTINGS, MAX_POLL_MINUTES, MAX_THRESHOLDS, MIN_POLL_MINUTES, normaliseThresholds, type Settings } from './settings';

const threshold = z.number().int().min(1).max(100);
const thresholds = z
  .array(threshold)
  .max(MAX_THRESHOLDS)
  .refine((l) => new Set(l).size === l.length, 'thresholds must be unique')
  .transform((l) => normaliseThresholds(l));

const trayWindow = z.string().min(1).max(200);

export const settingsSchema = z.object({
  version: z.literal(1),
  pollIntervalMinutes: z.number().int().min(MIN_POLL_MINUTES).max(MAX_POLL_MINUTES),
  thresholds,
  notifications: z.object({ enabled: z.boolean(), onReset: z.boolean() }),
  tray: z.object({ window: trayWindow, display: z.enum(['used', 'remaining']) }),
  launchAtLogin: z.boolean(),
  language: z.enum(['system', 'en', 'fr']),
  theme: z.enum(['system', 'light', 'dark']),
  monthlyApiBudget: z.number().positive().max(1e9).nullable(),
  sources: z.object({
    claudeCode: z.object({ enabled: z.boolean() }),
    localLogs: z.object({ enabled: z.boolean() }),
  }),
}) satisfies z.ZodType<Settings, unknown>;

/** A patch from the renderer: every key optional, unknown keys rejected (strict). */
export const settingsPatchSchema = z
  .object({
    pollIntervalMinutes: settingsSchema.shape.pollIntervalMinutes,
    thresholds,
    notifications: settingsSchema.shape.notifications.partial().strict(),
    tray: settingsSchema.shape.tray.partial().strict(),
    launchAtLogin: z.boolean(),
    language: settingsSchema.shape.language,
    theme: settingsSchema.shape.theme,
    monthlyApiBudget: settingsSchema.shape.monthlyApiBudget,
    sources: z
      .object({
        claudeCode: z.object({ enabled: z.boolean() }).strict(),
        localLogs: z.object({ enabled: z.boolean() }).strict(),
      })
      .partial()
      .strict(),
  })
  .partial()
  .strict();

export type ValidSettingsPatch = z.infer<typeof settingsPatchSchema>;

export function applySettingsPatch(current: Settings, patch: ValidSettingsPatch): Settings {
  const next: Settings = {
    ...current,
    ...(patch.pollIntervalMinutes !== undefined ? { pollIntervalMinutes: patch.pollIntervalMinutes } : {}),
    ...(patch.thresholds !== undefined ? { thresholds: patch.thresholds } : {}),
    ...(patch.launchAtLogin !== undefined ? { launchAtLogin: patch.launchAtLogin } : {}),
    ...(patch.language !== undefined ? { language: patch.language } : {}),
    ...(patch.theme !== undefined ? { theme: patch.theme } : {}),
    ...(patch.monthlyApiBudget !== undefined ? { monthlyApiBudget: patch.monthlyApiBudget } : {}),
    notifications: { ...current.notifications, ...patch.notifications },
    tray: { ...current.tray, ...patch.tray },
    sources: {
      claudeCode: { ...current.sources.claudeCode, ...patch.sources?.claudeCode },
      localLogs: { ...current.sources.localLogs, ...patch.sources?.localLogs },
    },
  };
  return settingsSchema.parse(next);
}

export { DEFAULT_SETTINGS };
