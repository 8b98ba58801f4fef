/**
 * What the watch tests share: a Claude Code folder and a data folder with only the status line on,
 * status-line writes through the real `brimline statusline` code, and a CliIo whose stop is ours.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import type { SourceId } from '../../../../../shared/domain';
import type { CliIo } from '../../../../../electron/core/cli/io';
import type { WatchTimers } from '../../../../../electron/core/cli/status/watch';
import type { ManualClock } from '../../../../support/manual-clock';
import { runStatuslineCommand } from '../../../../../electron/core/cli/statusline-command';
import { writeSettingsWithSources } from '../../../../support/settings-file';
import { fixtureAt } from '../../statusline/helpers';

export interface WatchDirs {
  env: Record<string, string>;
  data: string;
  config: string;
}

export function watchDirs(sources: readonly SourceId[] = ['statusline'], extra: Record<string, unknown> = {}): WatchDirs {
  const base = mkdtempSync(path.join(os.tmpdir(), 'hr-watch-'));
  const home = path.join(base, 'home');
  const data = path.join(base, 'data');
  const config = path.join(base, 'claude');
  for (const d of [home, data, config]) mkdirSync(d, { recursive: true });
  writeSettingsWithSources(data, sources, extra);
  return { env: { HOME: home, CLAUDE_CONFIG_DIR: config, BRIMLINE_DATA_DIR: data, LANG: 'en_US.UTF-8', TZ: 'UTC' }, data, config };
}

/** Claude Code's status-line payload with the given percentages, as `brimline statusline` receives it. */
export function payload(fiveHour: number, sevenDay: number, now = Date.now()): string {
  const raw = fixtureAt(now) as { rate_limits: Record<string, { used_percentage: number }> };
  raw.rate_limits.five_hour!.used_percentage = fiveHour;
  raw.rate_limits.seven_day!.used_percentage = sevenDay;
  return JSON.stringify(raw);
}

/** Runs `brimline statusline` in this process: the observation file is written as Claude Code's call would. */
export async function writeStatusline(env: Record<string, string>, fiveHour: number, sevenDay: number): Promise<void> {
  const io: CliIo = {
    stdout: () => undefined,
    stderr: () => undefined,
    env,
    now: () => Date.now(),
    isTTY: false,
    stdin: Readable.from([payload(fiveHour, sevenDay)]),
  };
  await runStatuslineCommand([], io);
}

export interface TestIo extends CliIo {
  out: string;
  err: string;
  lines(): string[];
  stop(): void;
}

export function testIo(env: Record<string, string>, now: () => number = () => Date.now()): TestIo {
  const listeners = new Set<(why: 'signal' | 'stdout-closed') => void>();
  const io: TestIo = {
    out: '',
    err: '',
    stdout: (s) => void (io.out += s),
    stderr: (s) => void (io.err += s),
    env,
    now,
    isTTY: false,
    onStop: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    lines: () => io.out.split('\n').filter((l) => l !== ''),
    stop: () => {
      for (const l of listeners) l('signal');
    },
  };
  return io;
}

/** Resolves once `test` holds, polling every 10 ms; rejects after `ms`. */
export async function until(test: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The watcher's timers on a manual clock: an interval is a timeout that sets itself again. */
export function manualTimers(clock: ManualClock): WatchTimers {
  return {
    setTimeout: (fn, ms) => clock.setTimeout(fn, ms),
    setInterval: (fn, ms) => {
      const h = { stopped: false };
      const again = (): void => void (h.stopped || (fn(), clock.setTimeout(again, ms)));
      clock.setTimeout(again, ms);
      return h;
    },
    clearInterval: (h) => void ((h as { stopped: boolean }).stopped = true),
  };
}
