/**
 * A Claude Code config folder (CLAUDE_CONFIG_DIR) that a real client starts in without asking
 * anything: a fake subscription login in `.credentials.json`, onboarding and the workspace's trust
 * settled in `.claude.json`, and nothing else: the client learns its account from the fake
 * profile (`oauthAccount` is its own writing). What each key is for is in README.md next to this
 * folder.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_TOKEN } from '../../../support/fake-anthropic';

/** The account of tests/fixtures/oauth-usage/profile.200.json, which the fake serves. */
export const ACCOUNT_UUID = '1ad79a19-41d0-4191-a2c7-6f55cb2456e7';

export function writeClaudeHome(configDir: string, opts: { version: string; workspace: string }): void {
  mkdirSync(configDir, { recursive: true });
  writeFileSync(
    path.join(configDir, '.credentials.json'),
    JSON.stringify({
      claudeAiOauth: {
        accessToken: DEFAULT_TOKEN,
        refreshToken: 'sk-ant-ort01-TEST-loopback-fake',
        expiresAt: Date.now() + 24 * 3600_000,
        scopes: ['user:inference', 'user:profile', 'user:sessions:claude_code'],
        subscriptionType: 'max',
        rateLimitTier: 'default_claude_max_20x',
      },
    }),
    { mode: 0o600 },
  );
  writeFileSync(
    path.join(configDir, '.claude.json'),
    JSON.stringify(
      {
        hasCompletedOnboarding: true,
        lastOnboardingVersion: opts.version,
        // No legacy `autoUpdates` or `bypassPermissionsModeAccepted`: the client would migrate them
        // into settings.json, rewriting it (sorted keys, two-space indent) under the install.
        // Migrations already run: without these the client rewrites settings.json at start
        // (sorted keys, two-space indent), and a byte-for-byte restore could not be tested.
        projects: {
          [opts.workspace]: {
            allowedTools: [],
            hasTrustDialogAccepted: true,
            hasClaudeMdExternalIncludesApproved: false,
            hasClaudeMdExternalIncludesWarningShown: false,
          },
        },
      },
      null,
      2,
    ),
  );
}
