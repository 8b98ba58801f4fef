/** Claude Code's login check (cached, because on macOS each check can prompt) and the status-line setup. */
import { describe, expect, it } from 'vitest';
import { createClaudeCode, DETECTION_TTL_MS } from '../../../../electron/core/app/claude-code';
import type { StatuslineSetupPort } from '../../../../electron/core/statusline/setup';
import type { ClaudeCodeDetection, StatuslineSetup } from '../../../../shared/ipc';

const quiet = { log() {}, info() {}, warn() {}, error() {} };

describe('Claude Code', () => {
  it('reuses a login check until it is older than the TTL, unless forced', async () => {
    let now = 1_000_000;
    let checks = 0;
    const cc = createClaudeCode({
      detect: async (): Promise<ClaudeCodeDetection> => ({ found: true, detail: `check ${++checks}` }),
      now: () => now,
      logger: quiet,
      changed: () => undefined,
    });
    expect(cc.detection()).toEqual({ found: false, detail: 'Not checked yet.' });
    await cc.detect(false);
    now += DETECTION_TTL_MS - 1;
    expect((await cc.detect(false)).detail).toBe('check 1');
    expect((await cc.detect(true)).detail).toBe('check 2');
    now += DETECTION_TTL_MS;
    expect((await cc.detect(false)).detail).toBe('check 3');
    expect(cc.detection().detail).toBe('check 3');
  });

  it('a check that fails says it could not check', async () => {
    const cc = createClaudeCode({
      detect: () => Promise.reject(new Error('security: timed out')),
      now: () => 0,
      logger: quiet,
      changed: () => undefined,
    });
    expect(await cc.detect(true)).toEqual({ found: false, detail: 'Could not check.' });
  });

  it('keeps the last status-line setup when settings.json cannot be read, and redraws after installing', async () => {
    const installed: StatuslineSetup = {
      kind: 'installed',
      file: '/home/ada/.claude/settings.json',
      chained: null,
      description: null,
      message: null,
    };
    let fail = false;
    const port: StatuslineSetupPort = {
      state: async () => {
        if (fail) throw new Error('EACCES');
        return installed;
      },
      set: async () => installed,
      refreshLauncher: async () => undefined,
    };
    const warnings: string[] = [];
    let changes = 0;
    const cc = createClaudeCode({
      detect: async () => ({ found: false, detail: '' }),
      statusline: port,
      now: () => 0,
      logger: { ...quiet, warn: (m: string) => void warnings.push(m) },
      changed: () => void changes++,
    });
    await cc.readStatusline();
    fail = true;
    await cc.readStatusline();
    expect(cc.statusline()).toBe(installed);
    expect(warnings).toEqual(["Could not read Claude Code's status-line setup: Error: EACCES"]);
    await cc.setStatusline(true);
    expect(changes).toBe(1);
  });

  it('without a setup port (the CLI) has no status line to set', async () => {
    const cc = createClaudeCode({
      detect: async () => ({ found: false, detail: '' }),
      now: () => 0,
      logger: quiet,
      changed: () => undefined,
    });
    expect(await cc.setStatusline(true)).toBeNull();
    await cc.readStatusline();
    expect(cc.statusline()).toBeNull();
  });
});
