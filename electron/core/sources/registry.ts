/**
 * One descriptor per usage source, in display and merge-precedence order. A new source adds its id
 * to `SOURCE_IDS` (shared/domain.ts); the compiler then lists what else it needs: a descriptor
 * here, its settings default (shared/settings.ts) and its label in each i18n catalogue.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { SOURCE_IDS, type SourceId } from '../../../shared/domain';
import type { ChatOrganization, ClaudeFolder, SecretName } from '../../../shared/ipc';
import type { Settings } from '../../../shared/settings';
import { folderCredentialFiles, readFolderCredentials } from '../credentials/claude-code';
import { hostOf } from '../net/http';
import { apiBase, claudeConfigDirs, claudeWebBase, type Env } from '../paths';
import { LoginLedger, tokenFingerprint } from './claude-oauth/login-ledger';
import { createAdminApiSource } from './admin-api/source';
import { claudeGlobalConfigFiles } from './claude-cache/locate';
import { createClaudeCacheSource } from './claude-cache/source';
import { createClaudeOAuthSource } from './claude-oauth/source';
import { createNodeClaudeWebFetch, type ClaudeWebFetch } from './claude-web/fetch-port';
import { createClaudeWebSource } from './claude-web/source';
import { createLocalLogsSource } from './local-logs/local-logs-source';
import { folderKey, type SecretReader, type UsageSource } from './source';
import { observationDir, observationFile } from '../statusline/observation-store';
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
  /** The Claude Code config folders in use (see claude-folders.ts): the plan and the status line run once per folder. */
  folders: readonly ClaudeFolder[];
  /** What sources learn that the app shows besides usage. */
  report?: {
    /** The claude.ai chat organisations the session key can follow, for the choice in Settings. */
    organizations(list: readonly ChatOrganization[]): void;
  };
}

/** A file the app watches for a source; a change pokes that source's poll. */
export interface WatchedFile {
  /** The source instance a change pokes. */
  key: string;
  dir: string;
  /** Only names starting with this prefix count (editors and Claude Code write temp files beside them). */
  namePrefix: string;
  /** Headroom's own folder: made if missing, so changes are seen from the first one. Another program's folder is never made. */
  ours?: boolean;
}

export interface SourceDescriptor {
  /** The running instances: one for most sources, one per Claude Code folder (keyed `folderKey`) when `perFolder`. */
  create(ctx: SourceContext): UsageSource[];
  perFolder?: true;
  /** The key the user saves for this source, kept in the keychain (removed with its account). */
  secret?: SecretName;
  /** Files whose change means "poll me now" (a new login, a new status line observation). */
  watch?(ctx: SourceContext): WatchedFile[];
  /**
   * While another source's data for the same folder is fresher than the poll interval, poll this one
   * only this often: the plan endpoint is what rate-limits clients, and the status line already
   * brings its numbers.
   */
  relaxedBy?: { source: SourceId; intervalMs: number };
}

/** While the status line is live, the plan poll still brings what it lacks (per-model windows, extra usage). */
export const RELAXED_PLAN_POLL_MS = 30 * 60_000;

const SESSION_KEY: SecretName = 'claudeSessionKey';
const ADMIN_KEY: SecretName = 'adminApiKey';

/** Watching a file another program writes: its folder, and the name it keeps once written. */
function fileWatch(key: string, file: string): WatchedFile {
  return { key, dir: path.dirname(file), namePrefix: path.basename(file) };
}

export const SOURCES: { readonly [K in SourceId]: SourceDescriptor } = {
  'claude-oauth': {
    perFolder: true,
    create: (ctx) => {
      // Folders holding the very same login share one poll: one credential, one request, one gate.
      const read = (folder: Pick<ClaudeFolder, 'dir'>) => readFolderCredentials(folder, { env: ctx.env, home: ctx.home });
      const ledger = new LoginLedger(
        ctx.folders.map((f) => f.dir),
        async (dir) => {
          const found = await read({ dir });
          return found.ok ? tokenFingerprint(found.credentials.accessToken) : null;
        },
      );
      return ctx.folders.map((folder, i) =>
        createClaudeOAuthSource({
          key: folderKey('claude-oauth', folder.dir),
          // The first folder is the one the single plan source used to read: it keeps that source's 429 gate.
          adopts: i === 0 ? 'claude-oauth' : undefined,
          baseUrl: apiBase(ctx.env),
          fetch: ctx.fetch,
          credentials: () => read(folder),
          configDir: folder.dir,
          ledger,
        }),
      );
    },
    watch: (ctx) =>
      ctx.folders.flatMap((folder) =>
        folderCredentialFiles(folder, ctx.home ?? os.homedir()).map((f) => fileWatch(folderKey('claude-oauth', folder.dir), f)),
      ),
    relaxedBy: { source: 'statusline', intervalMs: RELAXED_PLAN_POLL_MS },
  },
  statusline: {
    perFolder: true,
    create: (ctx) =>
      ctx.folders.map((folder) =>
        createStatuslineSource({ dataDir: ctx.dataDir, configDir: folder.dir, key: folderKey('statusline', folder.dir) }),
      ),
    // `headroom statusline` writes one file per Claude Code config folder after each response.
    watch: (ctx) =>
      ctx.folders.map((folder) => ({
        key: folderKey('statusline', folder.dir),
        dir: observationDir(ctx.dataDir),
        namePrefix: path.basename(observationFile(ctx.dataDir, folder.dir)),
        ours: true,
      })),
  },
  'claude-cache': {
    create: (ctx) => [createClaudeCacheSource({ files: () => claudeGlobalConfigFiles(ctx.env, ctx.home) })],
    watch: (ctx) => claudeGlobalConfigFiles(ctx.env, ctx.home).map((f) => fileWatch('claude-cache', f)),
  },
  'claude-web': {
    secret: SESSION_KEY,
    create: (ctx) => {
      const baseUrl = claudeWebBase(ctx.env);
      return [
        createClaudeWebSource({
          baseUrl,
          fetch: ctx.webFetch ?? createNodeClaudeWebFetch({ fetch: ctx.fetch, extraHosts: hostOf(baseUrl) }),
          getSecret: () => ctx.secrets.get(SESSION_KEY),
          organizationUuid: () => ctx.settings().claudeWebOrganization,
          // Only chat organisations have plan usage; only their names and ids leave the source.
          onOrganizations: (orgs) => ctx.report?.organizations(orgs.filter((o) => o.chat).map(({ uuid, name }) => ({ uuid, name }))),
        }),
      ];
    },
  },
  'admin-api': {
    secret: ADMIN_KEY,
    create: (ctx) => [
      createAdminApiSource({
        baseUrl: apiBase(ctx.env),
        fetch: ctx.fetch,
        getSecret: () => ctx.secrets.get(ADMIN_KEY),
        monthlyBudgetUsd: () => ctx.settings().monthlyApiBudget,
      }),
    ],
  },
  'local-logs': {
    create: (ctx) => [createLocalLogsSource({ configDirs: claudeConfigDirs(ctx.env, ctx.home), dataDir: ctx.dataDir, now: ctx.now })],
  },
};

/** The ids of the sources the settings switch on, in registry order. */
export function enabledSourceIds(settings: Settings): SourceId[] {
  return SOURCE_IDS.filter((id) => settings.sources[id].enabled);
}

/** The keys of the instances `createSources` would run, without creating them (creating opens their stores). */
export function sourceKeysFor(settings: Settings, folders: readonly ClaudeFolder[]): string[] {
  return enabledSourceIds(settings).flatMap((id) => (SOURCES[id].perFolder ? folders.map((f) => folderKey(id, f.dir)) : [id]));
}

export function createSources(settings: Settings, ctx: SourceContext): UsageSource[] {
  return enabledSourceIds(settings).flatMap((id) => SOURCES[id].create(ctx));
}
