/**
 * Every usage source Headroom knows, in display order. A new source joins the app, the CLI and the
 * reliability tests by adding one entry here.
 */
import type { Settings } from '../../../shared/settings';
import { discoverClaudeCodeCredentials } from '../credentials/claude-code';
import { apiBase, claudeConfigDirs, type Env } from '../paths';
import { createLocalLogsSource } from './local-logs/local-logs-source';
import { createClaudeOAuthSource } from './claude-oauth/source';
import type { UsageSource } from './source';

export interface SourceContext {
  env: Env;
  dataDir: string;
  fetch?: typeof fetch;
  now: () => number;
}

export interface SourceEntry {
  id: string;
  enabled(settings: Settings): boolean;
  create(ctx: SourceContext): UsageSource;
}

export const SOURCE_ENTRIES: SourceEntry[] = [
  {
    id: 'claude-oauth',
    enabled: (s) => s.sources.claudeCode.enabled,
    create: (ctx) =>
      createClaudeOAuthSource({
        baseUrl: apiBase(ctx.env),
        fetch: ctx.fetch,
        credentials: () => discoverClaudeCodeCredentials({ env: ctx.env }),
      }),
  },
  {
    id: 'local-logs',
    enabled: (s) => s.sources.localLogs.enabled,
    create: (ctx) => createLocalLogsSource({ configDirs: claudeConfigDirs(ctx.env), dataDir: ctx.dataDir, now: ctx.now }),
  },
];

export function createSources(settings: Settings, ctx: SourceContext): UsageSource[] {
  return SOURCE_ENTRIES.filter((e) => e.enabled(settings)).map((e) => e.create(ctx));
}
