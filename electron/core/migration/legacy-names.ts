/**
 * The former product name and every spelling derived from it, in one place: the only module that
 * should ever spell it. Each entry says what still carries the old name on a development build.
 */
export const LEGACY = {
  /** The data folder's name (`~/.config/Headroom`, `%APPDATA%\Headroom`, `~/Library/Application Support/Headroom`). */
  folder: 'Headroom',
  /** Keychain service of the saved keys. */
  keychainService: 'Headroom',
  /** Prefix of the environment variables (`HEADROOM_DATA_DIR`, …). */
  envPrefix: 'HEADROOM_',
  /** The status-line launcher in `<data>/bin` (`headroom`, `headroom.cmd`). */
  launcher: 'headroom',
  /** What `statusline install` put beside a settings.json it changed (`settings.json.headroom-backup-<stamp>`). */
  settingsBackupInfix: '.headroom-backup-',
  /** settings.json: `notifications.headroomLeft`, now `notifications.unusedAtReset`. */
  notificationKey: 'headroomLeft',
  /** forecast-alert-state.json: `windows.*.headroomFired`, now `unusedAtResetFired`. */
  forecastFiredKey: 'headroomFired',
  /** The history segments' header (`{"format":"headroom-history-samples",…}`). */
  segmentFormat: 'headroom-history-samples',
  /** The Linux autostart entry (`~/.config/autostart/headroom.desktop`). */
  autostartFile: 'headroom.desktop',
  /** The log file in the data folder. */
  logFile: 'headroom.log',
} as const;

/** Command names `isBrimlineCommand` also takes as Brimline's status line (`headroom statusline`, …). */
export const LEGACY_COMMAND_NAMES: readonly string[] = [LEGACY.launcher];
