/**
 * The status line as the app sets it up: the stable launcher it points at, written before every
 * install and rewritten at each start so the command in Claude Code's settings.json survives app
 * updates (an update moves the app binary, never the launcher in Brimline's data folder).
 */
import { access } from 'node:fs/promises';
import type { StatuslineSetup } from '../../../shared/ipc';
import type { Env } from '../platform/paths';
import { shimPath, writeLauncherShim, type LaunchTarget } from './launcher-shim';
import { installStatusline, statuslineState, uninstallStatusline, type StatuslineSetupContext } from './settings-file';

export interface StatuslineSetupPort {
  state(): Promise<StatuslineSetup>;
  set(enabled: boolean): Promise<StatuslineSetup>;
  /** Repoints an existing launcher at this app (after an update); writes nothing when there is none. */
  refreshLauncher(): Promise<void>;
}

export interface StatuslineSetupOptions {
  env: Env;
  dataDir: string;
  /** How this app runs the CLI: its own binary as Node when packaged, node on the built bundle in a checkout. */
  target: LaunchTarget;
  now: () => number;
  home?: string;
  platform?: NodeJS.Platform;
}

export function createStatuslineSetup(opts: StatuslineSetupOptions): StatuslineSetupPort {
  const ctx: StatuslineSetupContext = {
    env: opts.env,
    dataDir: opts.dataDir,
    launcher: shimPath(opts.dataDir, opts.platform),
    now: opts.now,
    home: opts.home,
    platform: opts.platform,
  };
  let lastMessage: string | null = null;

  const state = async (): Promise<StatuslineSetup> => {
    const s = await statuslineState(ctx);
    switch (s.kind) {
      case 'brimline':
        return { kind: 'installed', file: s.file, chained: s.chained, description: null, message: lastMessage };
      case 'other':
        return { kind: 'other', file: s.file, chained: null, description: s.description, message: lastMessage };
      case 'unreadable':
        return { kind: 'unreadable', file: s.file, chained: null, description: s.reason, message: lastMessage };
      case 'none':
        return { kind: 'none', file: s.file, chained: null, description: null, message: lastMessage };
    }
  };

  return {
    state,
    async set(enabled) {
      if (enabled) await writeLauncherShim(opts.dataDir, opts.target, opts.platform);
      const res = enabled ? await installStatusline(ctx) : await uninstallStatusline(ctx);
      lastMessage = res.message;
      return state();
    },
    async refreshLauncher() {
      const exists = await access(ctx.launcher).then(
        () => true,
        () => false,
      );
      if (exists) await writeLauncherShim(opts.dataDir, opts.target, opts.platform);
    },
  };
}
