/**
 * One descriptor per usage source, in display and merge-precedence order. A new source adds its id
 * to `SOURCE_IDS` (shared/domain.ts); the compiler then lists what else it needs: a descriptor
 * here, its settings default (shared/settings.ts) and its label in each i18n catalogue.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { SOURCE_IDS, type SourceId } from '../../../shared/domain';
import { SOURCE_SECRETS, slotSecretName, type ChatOrganization, type ClaudeFolder, type SecretKind } from '../../../shared/ipc';
import type { Settings } from '../../../shared/settings';
import { folderCredentialFiles, folderLoginCommand, readFolderCredentials } from '../platform/credentials/claude-code';
import { hostOf } from '../platform/net/http';
import { apiBase, claudeConfigDirs, claudeWebBase, type Env } from '../platform/paths';
import { LoginLedger, tokenFingerprint } from './claude-oauth/login-ledger';
import { createAdminApiSource } from './admin-api/source';
import { claudeGlobalConfigFiles } from './claude-cache/locate';
import { createClaudeCacheSource } from './claude-cache/source';
import { createClaudeOAuthSource } from './claude-oauth/source';
import { createNodeClaudeWebFetch, type ClaudeWebFetch } from './claude-web/fetch-port';
import { createClaudeWebSource } from './claude-web/source';
import { createLocalLogsSource } from './local-logs/local-logs-source';
import { folderKey, slotKey, type SecretReader, type UsageSource } from './source';
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
  /** Brimline's own folder: made if missing, so changes are seen from the first one. Another program's folder is never made. */
  ours?: boolean;
  /** Changes anywhere below `dir` count (Claude Code's transcripts, one folder per project); `namePrefix` then applies to the file's own name. */
  recursive?: boolean;
  /** Only names ending with this count. */
  nameSuffix?: string;
}

export interface SourceDescriptor {
  /** The running instances: one for most sources, one per Claude Code folder (keyed `folderKey`) when `perFolder`. */
  create(ctx: SourceContext): UsageSource[];
  perFolder?: true;
  /** One instance for the first key of its kind (`SOURCE_SECRETS`, keyed by the source id) and one per further key. */
  perKey?: true;
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

const SESSION_KEY: SecretKind = SOURCE_SECRETS['claude-web'] ?? 'claudeSessionKey';
const ADMIN_KEY: SecretKind = SOURCE_SECRETS['admin-api'] ?? 'adminApiKey';

/** The first key (null: stored under the kind itself) and each further one the user added. */
function keySlots(settings: Settings, kind: SecretKind): (string | null)[] {
  return [null, ...settings.accounts.keys.filter((k) => k.kind === kind).map((k) => k.slot)];
}

/** A keyed instance: the first key keeps the source's own id as its key, so its saved state and gate carry over. */
function asInstance<S extends UsageSource>(source: S, id: SourceId, kind: SecretKind, slot: string | null): S {
  return Object.assign(source, { keyName: slotSecretName(kind, slot), ...(slot === null ? {} : { key: slotKey(id, slot) }) });
}

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
          loginCommand: folderLoginCommand(folder, ctx.home ?? os.homedir()),
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
    // `brimline statusline` writes one file per Claude Code config folder after each response.
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
    perKey: true,
    create: (ctx) => {
      const baseUrl = claudeWebBase(ctx.env);
      const fetch = ctx.webFetch ?? createNodeClaudeWebFetch({ fetch: ctx.fetch, extraHosts: hostOf(baseUrl) });
      return keySlots(ctx.settings(), SESSION_KEY).map((slot) =>
        asInstance(
          createClaudeWebSource({
            baseUrl,
            fetch,
            getSecret: () => ctx.secrets.get(slotSecretName(SESSION_KEY, slot)),
            // The organisation chosen in Settings is the first key's; a further key follows the first chat organisation its account lists.
            organizationUuid: () => (slot === null ? ctx.settings().claudeWebOrganization : null),
            firstWhenSeveral: slot !== null,
            // Only chat organisations have plan usage; only their names and ids leave the source.
            onOrganizations:
              slot === null
                ? (orgs) => ctx.report?.organizations(orgs.filter((o) => o.chat).map(({ uuid, name }) => ({ uuid, name })))
                : undefined,
          }),
          'claude-web',
          SESSION_KEY,
          slot,
        ),
      );
    },
  },
  'admin-api': {
    perKey: true,
    create: (ctx) =>
      keySlots(ctx.settings(), ADMIN_KEY).map((slot) =>
        asInstance(
          createAdminApiSource({
            baseUrl: apiBase(ctx.env),
            fetch: ctx.fetch,
            getSecret: () => ctx.secrets.get(slotSecretName(ADMIN_KEY, slot)),
            monthlyBudgetUsd: () => ctx.settings().monthlyApiBudget,
            // A further Admin key is another organisation: its spend and budget never meet the first key's.
            ownAccount: slot === null ? null : `admin:${slot}`,
          }),
          'admin-api',
          ADMIN_KEY,
          slot,
        ),
      ),
  },
  'local-logs': {
    create: (ctx) => [createLocalLogsSource({ configDirs: claudeConfigDirs(ctx.env, ctx.home), dataDir: ctx.dataDir, now: ctx.now })],
    // Claude Code appends to `<config dir>/projects/<project>/<session>.jsonl` as it works.
    watch: (ctx) =>
      claudeConfigDirs(ctx.env, ctx.home).map((dir) => ({
        key: 'local-logs',
        dir: path.join(dir, 'projects'),
        namePrefix: '',
        nameSuffix: '.jsonl',
        recursive: true,
      })),
  },
};

/** The ids of the sources the settings switch on, in registry order. */
export function enabledSourceIds(settings: Settings): SourceId[] {
  return SOURCE_IDS.filter((id) => settings.sources[id].enabled);
}

/** The keys of the instances `createSources` would run, without creating them (creating opens their stores). */
export function sourceKeysFor(settings: Settings, folders: readonly ClaudeFolder[]): string[] {
  return enabledSourceIds(settings).flatMap((id) => {
    const d = SOURCES[id];
    if (d.perFolder) return folders.map((f) => folderKey(id, f.dir));
    const kind = SOURCE_SECRETS[id];
    if (d.perKey && kind) return keySlots(settings, kind).map((slot) => (slot === null ? id : slotKey(id, slot)));
    return [id];
  });
}

export function createSources(settings: Settings, ctx: SourceContext): UsageSource[] {
  return enabledSourceIds(settings).flatMap((id) => SOURCES[id].create(ctx));
}
