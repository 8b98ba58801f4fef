/**
 * One descriptor per usage source, in display and merge-precedence order. A new source adds its id
 * to `SOURCE_IDS` (shared/domain.ts); the compiler then lists what else it needs: a descriptor
 * here, its settings default (shared/settings.ts) and its label in each i18n catalogue.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { SOURCE_IDS, type SourceId } from '../../../shared/domain';
import type { Settings } from '../../../shared/settings';
import { credentialFiles, discoverClaudeCodeCredentials } from '../credentials/claude-code';
import { apiBase, claudeConfigDirs, primaryConfigDir, type Env } from '../paths';
import { createClaudeOAuthSource } from './claude-oauth/source';
import { createLocalLogsSource } from './local-logs/local-logs-source';
import type { SecretReader, UsageSource } from './source';

export interface SourceContext {
  env: Env;
  dataDir: string;
  fetch?: typeof fetch;
  now: () => number;
  secrets: SecretReader;
  home?: string;
}

/** A file the app watches for a source; a change pokes that source's poll. */
export interface WatchedFile {
  dir: string;
  /** Only names starting with this prefix count (editors and Claude Code write temp files beside them). */
  namePrefix: string;
}

export interface SourceDescriptor {
  create(ctx: SourceContext): UsageSource;
  /** Files whose change means "poll me now" (a new login, a new status line observation). */
  watch?(ctx: SourceContext): WatchedFile[];
}

export const SOURCES: { readonly [K in SourceId]: SourceDescriptor } = {
  'claude-oauth': {
    create: (ctx) =>
      createClaudeOAuthSource({
        baseUrl: apiBase(ctx.env),
        fetch: ctx.fetch,
        credentials: () => discoverClaudeCodeCredentials({ env: ctx.env, home: ctx.home }),
        configDir: primaryConfigDir(ctx.env, ctx.home),
      }),
    watch: (ctx) => credentialFiles(ctx.env, ctx.home ?? os.homedir()).map((f) => ({ dir: path.dirname(f), namePrefix: path.basename(f) })),
  },
  'local-logs': {
    create: (ctx) => createLocalLogsSource({ configDirs: claudeConfigDirs(ctx.env, ctx.home), dataDir: ctx.dataDir, now: ctx.now }),
  },
};

/** The ids of the sources the settings switch on, in registry order. */
export function enabledSourceIds(settings: Settings): SourceId[] {
  return SOURCE_IDS.filter((id) => settings.sources[id].enabled);
}

export function createSources(settings: Settings, ctx: SourceContext): UsageSource[] {
  return enabledSourceIds(settings).map((id) => SOURCES[id].create(ctx));
}
