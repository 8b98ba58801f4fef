/**
 * Applies a settings patch locally, the way main merges it, so a change shows at once while the
 * bridge confirms it.
 */
import type { Settings, SettingsPatch } from '../../shared/settings';

export function applySettingsPatch(settings: Settings, patch: SettingsPatch): Settings {
  const next: Settings = {
    ...settings,
    notifications: { ...settings.notifications, ...patch.notifications },
    tray: { ...settings.tray, ...patch.tray },
    sources: {
      claudeCode: { ...settings.sources.claudeCode, ...patch.sources?.claudeCode },
      localLogs: { ...settings.sources.localLogs, ...patch.sources?.localLogs },
    },
  };
  if (patch.pollIntervalMinutes !== undefined) next.pollIntervalMinutes = patch.pollIntervalMinutes;
  if (patch.thresholds !== undefined) next.thresholds = [...patch.thresholds];
  if (patch.launchAtLogin !== undefined) next.launchAtLogin = patch.launchAtLogin;
  if (patch.language !== undefined) next.language = patch.language;
  if (patch.theme !== undefined) next.theme = patch.theme;
  if (patch.monthlyApiBudget !== undefined) next.monthlyApiBudget = patch.monthlyApiBudget;
  return next;
}
