import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import {
  decodeKeychainValue,
  discoverClaudeCodeCredentials,
  keychainServiceName,
  parseCredentials,
  folderLoginCommand,
  readFolderCredentials,
  type ExecFn,
} from '../../../../electron/core/platform/credentials/claude-code';
import { fixtureText } from '../../../support/fake-anthropic';

const creds = (token: string, expiresAt: number) =>
  JSON.stringify({
    claudeAiOauth: {
      accessToken: token,
      refreshToken: 'sk-ant-ort01-r',
      expiresAt,
      scopes: ['user:inference', 'user:profile'],
      subscriptionType: 'max',
      rateLimitTier: 'default_claude_max_5x',
    },
  });

describe('Claude Code credentials', () => {
  it('parses the documented layout', () => {
    const r = parseCredentials(fixtureText('claude-code-credentials/credentials.example.json'), 'file');
    expect(r).toEqual({
      ok: true,
      credentials: {
        accessToken: 'sk-ant-oat01-...',
        expiresAt: 1738972800000,
        scopes: ['user:inference', 'user:profile'],
        subscriptionType: 'max',
        rateLimitTier: 'default_claude_max_20x',
        origin: 'file',
      },
    });
  });

  it('treats an item with only mcpOAuth as needing a new login', () => {
    const r = parseCredentials(JSON.stringify({ mcpOAuth: { x: {} } }), 'file');
    expect(r).toMatchObject({ ok: false, problem: { code: 'login_required' } });
  });

  it('reports malformed files clearly without the token in the message', () => {
    const r = parseCredentials('{"claudeAiOauth": {"accessToken": "sk-ant-oat01-secret', 'f');
    expect(r).toMatchObject({ ok: false, problem: { code: 'unreadable' } });
    expect(JSON.stringify(r)).not.toContain('secret');
  });

  it('decodes hex-encoded Keychain output', () => {
    const json = creds('tok', 1);
    expect(decodeKeychainValue(Buffer.from(json).toString('hex') + '\n')).toBe(json);
    expect(decodeKeychainValue(json + '\n')).toBe(json);
    expect(decodeKeychainValue('abcd')).toBe('abcd');
  });

  it('names the Keychain service as Claude Code does', () => {
    expect(keychainServiceName({})).toBe('Claude Code-credentials');
    const dir = '/Users/me/.claude-work';
    const hash = createHash('sha256').update(dir).digest('hex').slice(0, 8);
    expect(keychainServiceName({ CLAUDE_CONFIG_DIR: dir })).toBe(`Claude Code-credentials-${hash}`);
  });

  it('reads the first CLAUDE_CONFIG_DIR only', async () => {
    const a = mkdtempSync(path.join(os.tmpdir(), 'hr-cc-a-'));
    const b = mkdtempSync(path.join(os.tmpdir(), 'hr-cc-b-'));
    writeFileSync(path.join(b, '.credentials.json'), creds('from-b', 9e12));
    const miss = await discoverClaudeCodeCredentials({ env: { CLAUDE_CONFIG_DIR: `${a},${b}` }, platform: 'linux' });
    expect(miss).toMatchObject({ ok: false, problem: { code: 'not_found' } });
    writeFileSync(path.join(a, '.credentials.json'), creds('from-a', 9e12));
    const hit = await discoverClaudeCodeCredentials({ env: { CLAUDE_CONFIG_DIR: `${a},${b}` }, platform: 'linux' });
    expect(hit.ok && hit.credentials.accessToken).toBe('from-a');
  });

  it('falls back to ~/.claude/.credentials.json', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'hr-home-'));
    mkdirSync(path.join(home, '.claude'));
    writeFileSync(path.join(home, '.claude', '.credentials.json'), creds('home-token', 9e12));
    const r = await discoverClaudeCodeCredentials({ env: {}, platform: 'linux', home });
    expect(r.ok && r.credentials).toMatchObject({ accessToken: 'home-token', origin: '~/.claude/.credentials.json' });
  });

  it('on macOS reads the Keychain through /usr/bin/security and prefers the later expiry', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'hr-home-'));
    mkdirSync(path.join(home, '.claude'));
    writeFileSync(path.join(home, '.claude', '.credentials.json'), creds('file-token', 1000));
    const calls: Array<{ file: string; args: string[]; timeout: number }> = [];
    const exec: ExecFn = async (file, args, timeout) => {
      calls.push({ file, args, timeout });
      return { ok: true, stdout: Buffer.from(creds('keychain-token', 2000)).toString('hex') };
    };
    const r = await discoverClaudeCodeCredentials({ env: {}, platform: 'darwin', home, exec, user: 'alice' });
    expect(r.ok && r.credentials.accessToken).toBe('keychain-token');
    expect(calls).toEqual([
      { file: '/usr/bin/security', args: ['find-generic-password', '-s', 'Claude Code-credentials', '-a', 'alice', '-w'], timeout: 5000 },
    ]);

    const older: ExecFn = async () => ({ ok: true, stdout: creds('keychain-token', 500) });
    const r2 = await discoverClaudeCodeCredentials({ env: {}, platform: 'darwin', home, exec: older, user: 'alice' });
    expect(r2.ok && r2.credentials.accessToken).toBe('file-token');
  });

  it('says where it looked when nothing is found', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'hr-home-'));
    const exec: ExecFn = async () => ({ ok: false, notFound: true });
    const r = await discoverClaudeCodeCredentials({ env: {}, platform: 'darwin', home, exec });
    expect(r).toMatchObject({ ok: false, problem: { code: 'not_found' } });
    if (!r.ok) expect(r.problem.detail).toContain('~/.claude/.credentials.json');
    if (!r.ok) expect(r.problem.detail).toContain('macOS Keychain');
  });

  it('each config folder has its own login: its own file, and on macOS its own Keychain item; ~/.claude keeps the plain one', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'hr-home-'));
    const work = path.join(home, '.claude-work');
    mkdirSync(work);
    writeFileSync(path.join(work, '.credentials.json'), creds('work-file-token', 1000));
    const services: string[] = [];
    const exec: ExecFn = async (_file, args) => {
      services.push(args[args.indexOf('-s') + 1]!);
      return { ok: false, notFound: true };
    };
    // The app's own CLAUDE_CONFIG_DIR never leaks into another folder's lookup.
    const env = { CLAUDE_CONFIG_DIR: '/somewhere/else' };
    const r = await readFolderCredentials({ dir: work }, { env, platform: 'darwin', home, exec, user: 'alice' });
    expect(r.ok && r.credentials.accessToken).toBe('work-file-token');
    const d = await readFolderCredentials({ dir: path.join(home, '.claude') }, { env, platform: 'darwin', home, exec, user: 'alice' });
    expect(d.ok).toBe(false);
    expect(services).toEqual([
      `Claude Code-credentials-${createHash('sha256').update(work).digest('hex').slice(0, 8)}`,
      'Claude Code-credentials',
    ]);
  });

  it('the login command names the folder, except for ~/.claude, quoted for the shell it runs in', () => {
    expect(folderLoginCommand({ dir: '/home/ada/.claude' }, '/home/ada', 'linux')).toBe('claude');
    expect(folderLoginCommand({ dir: '/home/ada/.claude-work' }, '/home/ada', 'linux')).toBe('CLAUDE_CONFIG_DIR=~/.claude-work claude');
    expect(folderLoginCommand({ dir: '/srv/claude' }, '/home/ada', 'darwin')).toBe('CLAUDE_CONFIG_DIR=/srv/claude claude');
    expect(folderLoginCommand({ dir: "/home/ada/Ada's work" }, '/home/ada', 'linux')).toBe(
      `CLAUDE_CONFIG_DIR='/home/ada/Ada'\\''s work' claude`,
    );
    expect(folderLoginCommand({ dir: 'C:\\Users\\ada\\.claude-work' }, 'C:\\Users\\ada', 'win32')).toBe(
      "$env:CLAUDE_CONFIG_DIR='C:\\Users\\ada\\.claude-work'; claude",
    );
  });
});
