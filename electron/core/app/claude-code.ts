/**
 * What the app knows of Claude Code: whether it is logged in (a cached check) and whether
 * Brimline's status line is installed in its settings.json. Both can change behind Brimline's
 * back, so a fresh state reads them again.
 */
import type { ClaudeCodeDetection, StatuslineSetup } from '../../../shared/ipc';
import type { StatuslineSetupPort } from '../statusline/setup';
import type { Logger } from '../platform/log';

/** How long a Claude Code login check is reused: on macOS each one runs `security`, which can prompt. */
export const DETECTION_TTL_MS = 5 * 60_000;

export interface ClaudeCode {
  detection(): ClaudeCodeDetection;
  /** Checks the login again unless a check younger than DETECTION_TTL_MS is at hand (or `force`). */
  detect(force: boolean): Promise<ClaudeCodeDetection>;
  statusline(): StatuslineSetup | null;
  /** Reads the status-line setup again; keeps the last one when it cannot be read. */
  readStatusline(): Promise<void>;
  /** Installs or removes the status line; null without a setup port (the CLI). */
  setStatusline(enabled: boolean): Promise<StatuslineSetup | null>;
}

export interface ClaudeCodeOptions {
  detect: () => Promise<ClaudeCodeDetection>;
  statusline?: StatuslineSetupPort;
  now: () => number;
  logger: Logger;
  changed: () => void;
}

export function createClaudeCode({ detect, statusline, now, logger, changed }: ClaudeCodeOptions): ClaudeCode {
  let detected: { value: ClaudeCodeDetection; at: number } | null = null;
  let setup: StatuslineSetup | null = null;
  return {
    detection: () => detected?.value ?? { found: false, detail: 'Not checked yet.' },
    async detect(force) {
      if (!force && detected && now() - detected.at < DETECTION_TTL_MS) return detected.value;
      const value = await detect().catch((): ClaudeCodeDetection => ({ found: false, detail: 'Could not check.' }));
      detected = { value, at: now() };
      return value;
    },
    statusline: () => setup,
    async readStatusline() {
      if (!statusline) return;
      setup = await statusline.state().catch((err: unknown) => {
        logger.warn(`Could not read Claude Code's status-line setup: ${String(err)}`);
        return setup;
      });
    },
    async setStatusline(enabled) {
      if (!statusline) return null;
      setup = await statusline.set(enabled);
      changed();
      return setup;
    },
  };
}
