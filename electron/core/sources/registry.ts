/**
 * One descriptor per usage source, in display and merge-precedence order. A new source adds its id
 * to `SOURCE_IDS` (shared/domain.ts); the compiler then lists what else it needs: a descriptor
 * here, its settings default (shared/settings.ts) and its label in each i18n catalogue.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { SOURCE_IDS, type SourceId } from '../../../shared/domain';
import type { ChatOrganization } from '../../../shared/ipc';
import type { Settings } from '../../../shared/settings';
import { credentialFiles, discoverClaudeCodeCredentials } from '../credentials/claude-code';
import { hostOf } from '../net/http';
import { apiBase, claudeConfigDirs, claudeWebBase, primaryConfigDir, type Env } from '../paths';
import { createAdminApiSource } from './admin-api/source';
import { claudeGlobalConfigFiles } from './claude-cache/locate';
import { createClaudeCacheSource } from './claude-cache/source';
import { createClaudeOAuthSource } from './claude-oauth/source';
import { createNodeClaudeWebFetch, type ClaudeWebFetch } from './claude-web/fetch-port';
import { createClaudeWebSource } from './claude-web/source';
import { createLocalLogsSource } from './local-logs/local-logs-source';
import type { SecretReader, UsageSource } from './source';
import { observationDir } from '../statusline/observation-store';
import { createStatuslineSource } from '../statusline/source';

export interface SourceContext {
  env: Env;
  dataDir: string;
  fetch?: typeof fetch;
  now: () => number;
  /** The keychain in the app, the environment in the CLI. */
  secrets: SecretReader;
  /** The settings as they are now (a source reads its options at each poll). */
  settings: () => Settings;
  /** How claude.ai is reached: a hidden browser window in the app (Cloudflare), Node's fetch elsewhere. */
  webFetch?: ClaudeWebFetch;
  home?: string;
  /** What sources learn that the app shows besides usage. */
  report?: {
    /** The claude.ai chat organisations the session key can follow, for the choice in Settings. */
    organizations(list: readonly ChatOrganization[]): void;
  };
}

/** A file the app watches for a source; a change pokes that source's poll. */
export interface WatchedFile {
  dir: string;
  /** Only names starting with this prefix count (editors and Claude Code write temp files beside them). */
  namePrefix: string;
  /** Headroom's own folder: made if missing, so changes are seen from the first one. Another program's folder is never made. */
  ours?: boolean;
}

export interface SourceDescriptor {
  create(ctx: SourceContext): UsageSource;
  /** Files whose change means "poll me now" (a new login, a new status line observation). */
  watch?(ctx: SourceContext): WatchedFile[];
  /**
   * While another source's data is fresher than the poll interval, poll this one only this often:
   * the plan endpoint is what rate-limits clients, and the status line already brings its numbers.
   */
  relaxedBy?: { source: SourceId; intervalMs: number };
}

/** While the status line is live, the plan poll still brings what it lacks (per-model windows, extra usage). */
export const RELAXED_PLAN_POLL_MS = 30 * 60_000;

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
    relaxedBy: { source: 'statusline', intervalMs: RELAXED_PLAN_POLL_MS },
  },
  statusline: {
    create: (ctx) => createStatuslineSource({ dataDir: ctx.dataDir }),
    // `headroom statusline` writes one file per Claude Code config folder after each response.
    watch: (ctx) => [{ dir: observationDir(ctx.dataDir), namePrefix: '', ours: true }],
  },
  'claude-cache': {
    create: (ctx) => createClaudeCacheSource({ files: () => claudeGlobalConfigFiles(ctx.env, ctx.home) }),
    watch: (ctx) => claudeGlobalConfigFiles(ctx.env, ctx.home).map((f) => ({ dir: path.dirname(f), namePrefix: path.basename(f) })),
  },
  'claude-web': {
    create: (ctx) => {
      const baseUrl = claudeWebBase(ctx.env);
      return createClaudeWebSource({
        baseUrl,
        fetch: ctx.webFetch ?? createNodeClaudeWebFetch({ fetch: ctx.fetch, extraHosts: hostOf(baseUrl) }),
        getSecret: () => ctx.secrets.get('claudeSessionKey'),
        organizationUuid: () => ctx.settings().claudeWebOrganization,
        // Only chat organisations have plan usage; only their names and ids leave the source.
        onOrganizations: (orgs) => ctx.report?.organizations(orgs.filter((o) => o.chat).map(({ uuid, name }) => ({ uuid, name }))),
      });
    },
  },
  'admin-api': {
    create: (ctx) =>
      createAdminApiSource({
        baseUrl: apiBase(ctx.env),
        fetch: ctx.fetch,
        getSecret: () => ctx.secrets.get('adminApiKey'),
        monthlyBudgetUsd: () => ctx.settings().monthlyApiBudget,
      }),
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
