/**
 * Everything the real client and Brimline's CLI run against, on loopback only: the fake Messages
 * API (ANTHROPIC_BASE_URL), the fake api.anthropic.com behind a CONNECT proxy with a throwaway CA,
 * temporary HOME / CLAUDE_CONFIG_DIR / BRIMLINE_DATA_DIR, and the paths of the pinned binaries.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startFakeAnthropic, type FakeAnthropic } from '../../../support/fake-anthropic';
import { writeClaudeHome } from './claude-home';
import { startConnectProxy, type ConnectProxy } from './connect-proxy';
import { startFakeMessages, type FakeMessages, type Limits } from './fake-messages';
import { makeThrowawayCa } from './throwaway-ca';
import { startPane, type Pane } from './tmux';

export const ROOT = path.resolve(__dirname, '../../../..');
export const BRIMLINE_CLI = path.join(ROOT, 'out', 'cli', 'brimline.mjs');
/** A model the bundled price table and ccusage both price, and that the client does not call retired. */
export const MODEL = 'claude-opus-4-7';

export interface World {
  root: string;
  home: string;
  config: string;
  data: string;
  workspace: string;
  messages: FakeMessages;
  api: FakeAnthropic;
  proxy: ConnectProxy;
  /** Environment of the client's terminal (the status line command inherits it). */
  clientEnv: NodeJS.ProcessEnv;
  /** Environment of `brimline` runs. */
  cliEnv: NodeJS.ProcessEnv;
  claudeBin: string;
  ccusageBin: string;
  version: string;
  startClient(socket: string): Pane;
  /** Runs the built CLI; asynchronous, since the fakes it talks to live in this process. */
  brimline(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }>;
  close(): Promise<void>;
}

function required(name: string): string {
  const v = process.env[name];
  if (!v)
    throw new Error(`${name} is not set: run this suite with \`npm run test:claude-code\`, which installs the pinned client and sets it`);
  return v;
}

/** Only loopback: the suite must run inside the namespace scripts/claude-code.mjs makes. */
export function assertLoopbackOnly(): void {
  const names = Object.keys(os.networkInterfaces());
  const others = names.filter((n) => n !== 'lo');
  if (others.length > 0 || !names.includes('lo'))
    throw new Error(
      `not in a loopback-only network namespace (interfaces: ${names.join(', ') || 'none'}); run \`npm run test:claude-code\``,
    );
}

export async function startWorld(limits: Limits): Promise<World> {
  assertLoopbackOnly();
  const claudeBin = required('BRIMLINE_CLAUDE_BIN');
  const ccusageBin = required('BRIMLINE_CCUSAGE_BIN');
  const version = required('BRIMLINE_CLAUDE_CODE_VERSION');
  // realpath: the client keys projects and transcript folders by the resolved cwd.
  const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'brimline-cc-e2e-')));
  const home = path.join(root, 'home');
  const config = path.join(root, 'claude-config');
  const data = path.join(root, 'brimline-data');
  const workspace = path.join(root, 'workspace');
  for (const d of [home, data, workspace]) mkdirSync(d, { recursive: true });
  writeClaudeHome(config, { version, workspace });

  const messages = await startFakeMessages({ model: MODEL, limits });
  const api = await startFakeAnthropic();
  const ca = makeThrowawayCa(root, 'api.anthropic.com');
  const proxy = await startConnectProxy({ allow: 'api.anthropic.com:443', key: ca.key, cert: ca.cert, targetPort: api.port });

  const base: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: home,
    TZ: 'UTC',
    LANG: 'C.UTF-8',
    CLAUDE_CONFIG_DIR: config,
    BRIMLINE_DATA_DIR: data,
  };
  const loopback = '127.0.0.1,localhost';
  const clientEnv: NodeJS.ProcessEnv = {
    ...base,
    TERM: 'xterm-256color',
    ANTHROPIC_BASE_URL: messages.url,
    HTTPS_PROXY: proxy.url,
    https_proxy: proxy.url,
    NO_PROXY: loopback,
    no_proxy: loopback,
    NODE_EXTRA_CA_CERTS: ca.caFile,
    SSL_CERT_FILE: ca.caFile,
    DISABLE_TELEMETRY: '1',
    DISABLE_ERROR_REPORTING: '1',
    DISABLE_AUTOUPDATER: '1',
    IS_SANDBOX: '1',
    // Brimline's status line command polls nothing, but point it at the fake all the same.
    BRIMLINE_ANTHROPIC_API_URL: api.url,
  };
  const cliEnv: NodeJS.ProcessEnv = { ...base, BRIMLINE_ANTHROPIC_API_URL: api.url };

  const world: World = {
    root,
    home,
    config,
    data,
    workspace,
    messages,
    api,
    proxy,
    clientEnv,
    cliEnv,
    claudeBin,
    ccusageBin,
    version,
    startClient(socket) {
      return startPane({
        socket,
        cwd: workspace,
        env: clientEnv,
        command: [claudeBin, ...(process.env['E2E_FLAG'] ? ['--dangerously-skip-permissions'] : []), '--model', MODEL],
      });
    },
    brimline(...args) {
      return new Promise((resolve) => {
        execFile(
          process.execPath,
          [BRIMLINE_CLI, ...args],
          { env: cliEnv, cwd: workspace, encoding: 'utf8', timeout: 60_000 },
          (err, stdout, stderr) => {
            const code = err && typeof err.code === 'number' ? err.code : err ? -1 : 0;
            resolve({ status: code, stdout, stderr });
          },
        );
      });
    },
    async close() {
      await Promise.all([messages.close(), api.close(), proxy.close()]);
      if (!process.env['BRIMLINE_E2E_KEEP']) rmSync(root, { recursive: true, force: true });
    },
  };
  return world;
}

/** ccusage's daily report over the same config folder, priced from its bundled table only. */
export function ccusageDaily(world: World): unknown {
  const out = execFileSync(world.ccusageBin, ['claude', 'daily', '--json', '--offline', '--mode', 'calculate'], {
    env: { ...world.cliEnv },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(out);
}
