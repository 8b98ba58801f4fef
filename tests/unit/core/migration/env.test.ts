/** The former `HEADROOM_*` variables keep working, and the CLI says once which names to use now. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../../electron/cli';
import { envSecrets, withEnvSources } from '../../../../electron/core/cli/env-secrets';
import type { CliIo } from '../../../../electron/core/cli/io';
import { envValue, legacyEnvNotice } from '../../../../electron/core/migration/env';
import { apiBase, claudeWebBase, dataDir } from '../../../../electron/core/platform/paths';
import { DEFAULT_SETTINGS } from '../../../../shared/settings';

describe('BRIMLINE_* falls back to its former twin', () => {
  it('reads the former variable when the new one is unset or blank; the new one wins when both are set', () => {
    expect(envValue({ HEADROOM_DATA_DIR: '/old' }, 'BRIMLINE_DATA_DIR')).toBe('/old');
    expect(envValue({ BRIMLINE_DATA_DIR: '  ', HEADROOM_DATA_DIR: '/old' }, 'BRIMLINE_DATA_DIR')).toBe('/old');
    expect(envValue({ BRIMLINE_DATA_DIR: '/new', HEADROOM_DATA_DIR: '/old' }, 'BRIMLINE_DATA_DIR')).toBe('/new');
    expect(envValue({}, 'BRIMLINE_DATA_DIR')).toBeUndefined();
  });

  it('applies to the data folder, the API and claude.ai base URLs, and the session key of the CLI', async () => {
    expect(dataDir({ HEADROOM_DATA_DIR: '/srv/hr' }, 'linux', '/home/u')).toBe('/srv/hr');
    expect(apiBase({ HEADROOM_ANTHROPIC_API_URL: 'http://127.0.0.1:9/' })).toBe('http://127.0.0.1:9');
    expect(claudeWebBase({ HEADROOM_CLAUDE_WEB_URL: 'http://127.0.0.1:8' })).toBe('http://127.0.0.1:8');
    const env = { HEADROOM_CLAUDE_SESSION_KEY: 'sk-ant-sid01-from-old-name' };
    expect(await envSecrets(env).get('claudeSessionKey')).toBe('sk-ant-sid01-from-old-name');
    expect(withEnvSources(DEFAULT_SETTINGS, env).sources['claude-web'].enabled).toBe(true);
  });

  it('the notice names each former variable with its new name, on one line, and is silent without them', () => {
    expect(legacyEnvNotice({ PATH: '/bin', BRIMLINE_DATA_DIR: '/x' })).toBeNull();
    const notice = legacyEnvNotice({ HEADROOM_DATA_DIR: '/x', HEADROOM_ANTHROPIC_API_URL: 'http://127.0.0.1:1' });
    expect(notice).toBe(
      'brimline: deprecated environment variables (still read for now), rename: HEADROOM_ANTHROPIC_API_URL → BRIMLINE_ANTHROPIC_API_URL, HEADROOM_DATA_DIR → BRIMLINE_DATA_DIR',
    );
  });
});

describe('the CLI with a former variable', () => {
  it('prints the notice once on stderr and uses the folder the former variable names', async () => {
    const old = fs.mkdtempSync(path.join(os.tmpdir(), 'br-env-'));
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      stdout: (s) => void out.push(s),
      stderr: (s) => void err.push(s),
      env: { HOME: old, HEADROOM_DATA_DIR: old, CLAUDE_CONFIG_DIR: path.join(old, 'claude') },
      now: () => Date.now(),
      isTTY: false,
    };
    expect(await main(['statusline', 'show'], io)).toBe(0);
    expect(err.join('').split('\n').filter(Boolean)).toEqual([
      'brimline: deprecated environment variable (still read for now), rename: HEADROOM_DATA_DIR → BRIMLINE_DATA_DIR',
    ]);
    expect(out.join('')).toContain(`Launcher: ${path.join(old, 'bin', 'brimline')}`);
  });
});
