/**
 * A Claude Code config folder (CLAUDE_CONFIG_DIR) that a real client starts in without asking
 * anything: a fake subscription login in `.credentials.json`, onboarding and the workspace's trust
 * settled in `.claude.json`, and the bypass-permissions warning already accepted. What each key is
 * for is in README.md next to this folder.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_TOKEN } from '../../../support/fake-anthropic';

export const ACCOUNT_UUID = '1ad79a19-41d0-4191-a2c7-6f55cb2456e7';
export const ORG_UUID = '243a2aa4-7bd6-4d4b-afe4-b81f36260e81';
export const EMAIL = 'user@example.com';

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
        numStartups: 5,
        installMethod: 'npm-global',
        hasCompletedOnboarding: true,
        lastOnboardingVersion: opts.version,
        lastReleaseNotesSeen: opts.version,
        theme: 'dark',
        // Migrations already run: without these the client rewrites settings.json at start
        // (sorted keys, two-space indent), and a byte-for-byte restore could not be tested.
        migrationVersion: 15,
        opusProMigrationComplete: true,
        hasResetAutoModeOptInForDefaultOffer: true,
        hasSeenAutoDefaultNotice: true,
        firstStartTime: new Date(Date.now() - 86400_000).toISOString(),
        firstStartVersion: opts.version,
        oauthAccount: {
          accountUuid: ACCOUNT_UUID,
          emailAddress: EMAIL,
          organizationUuid: ORG_UUID,
          displayName: 'username',
          organizationName: "user@example.com's Organization",
          organizationRole: 'admin',
          workspaceRole: null,
          billingType: 'stripe_subscription',
          hasExtraUsageEnabled: true,
        },
        projects: {
          [opts.workspace]: {
            allowedTools: [],
            hasTrustDialogAccepted: true,
            hasCompletedProjectOnboarding: true,
            projectOnboardingSeenCount: 1,
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
