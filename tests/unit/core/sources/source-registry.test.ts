/** The registry's two views of what runs: the instances `createSources` makes and the keys `sourceKeysFor` names without making them. */
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSources, sourceKeysFor, type SourceContext } from '../../../../electron/core/sources/registry';
import { sourceKey } from '../../../../electron/core/sources/source';
import { SOURCE_IDS } from '../../../../shared/domain';
import type { ClaudeFolder } from '../../../../shared/ipc';
import { DEFAULT_SETTINGS, type Settings } from '../../../../shared/settings';

describe('source registry', () => {
  it('names exactly the instances it creates: per folder, per saved key, once for the rest', () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'hr-registry-'));
    const folders: ClaudeFolder[] = [
      { dir: path.join(home, '.claude'), origin: 'default' },
      { dir: path.join(home, '.claude-work'), origin: 'settings' },
    ];
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      sources: Object.fromEntries(SOURCE_IDS.map((id) => [id, { enabled: true }])) as Settings['sources'],
      accounts: {
        ...DEFAULT_SETTINGS.accounts,
        keys: [
          { kind: 'claudeSessionKey', slot: '1a2b3c4d' },
          { kind: 'adminApiKey', slot: '5e6f7a8b' },
        ],
      },
    };
    const ctx: SourceContext = {
      env: {},
      dataDir: path.join(home, 'data'),
      now: () => 0,
      secrets: { get: async () => null },
      settings: () => settings,
      home,
      folders,
    };
    const made = createSources(settings, ctx).map(sourceKey);
    expect(made).toEqual(sourceKeysFor(settings, folders));
    expect(made).toEqual([
      `claude-oauth@${folders[0]!.dir}`,
      `claude-oauth@${folders[1]!.dir}`,
      `statusline@${folders[0]!.dir}`,
      `statusline@${folders[1]!.dir}`,
      'claude-cache',
      'claude-web',
      'claude-web#1a2b3c4d',
      'admin-api',
      'admin-api#5e6f7a8b',
      'local-logs',
    ]);
  });
});
