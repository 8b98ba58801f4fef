/**
 * docs/guide/status-bars.md: every snippet's `brimline status …` command, taken from the page
 * itself, run against a fixture data folder; its output must have the shape its tool reads. With
 * tmux installed, the tmux snippet also runs inside a real tmux server.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../../electron/cli';
import { buildCli, root } from '../statusline/helpers';
import { testIo, until, watchDirs, writeStatusline, type WatchDirs } from './status/watch-helpers';

const PAGE = readFileSync(path.join(root, 'docs/guide/status-bars.md'), 'utf8');
const HEX = /^#[0-9A-F]{6}$/;

interface Snippet {
  section: string;
  block: string;
  command: string;
}

/** Each fenced block under each `## ` heading, and the `brimline status …` commands in it. */
function snippets(): Snippet[] {
  const out: Snippet[] = [];
  for (const part of PAGE.split(/^## /m).slice(1)) {
    const section = part.slice(0, part.indexOf('\n')).trim();
    for (const m of part.matchAll(/^```\w*\n([\s\S]*?)^```/gm)) {
      const block = m[1]!;
      for (const c of block.matchAll(/brimline status(?: --?[\w-]+(?: (?!-)[\w]+)?)*/g)) out.push({ section, block, command: c[0] });
    }
  }
  return out;
}

let dirs: WatchDirs;
beforeAll(async () => {
  dirs = watchDirs();
  await writeStatusline(dirs.env, 42, 60);
});

/** Runs the command in this process: once to its end, or under --watch until its first record. */
async function run(command: string): Promise<string> {
  const argv = command.split(' ').slice(1);
  const io = testIo(dirs.env);
  const done = main(argv, io);
  if (!argv.includes('--watch')) {
    expect(await done).toBe(0);
    return io.out;
  }
  await until(() => io.out.includes('\n') && (!argv.includes('xbar') || io.out.includes('Open Brimline')));
  io.stop();
  expect(await done).toBe(0);
  expect(io.err).toBe('');
  return io.out;
}

type Check = (out: string, s: Snippet) => void;

const oneJsonLine = (out: string): Record<string, unknown> => {
  expect(out.endsWith('\n')).toBe(true);
  expect(out.trimEnd().split('\n')).toHaveLength(1);
  return JSON.parse(out) as Record<string, unknown>;
};

const CHECKS: Record<string, Check> = {
  Waybar: (out, s) => {
    expect(s.block).toContain('"return-type": "json"');
    const o = oneJsonLine(out);
    expect(Object.keys(o).sort()).toEqual(['alt', 'class', 'percentage', 'text', 'tooltip']);
    expect(o).toMatchObject({ text: '7d 60%', class: 'warn', alt: 'warn', percentage: 60 });
  },
  Polybar: (out, s) => {
    expect(s.block).toContain('tail = true');
    expect(out).toMatch(/^%\{F#[0-9A-F]{6}\}7d 60%%\{F-\}\n$/);
  },
  i3blocks: (out, s) => {
    if (s.block.includes('interval=persist')) {
      expect(s.block).toContain('format=json');
      const o = oneJsonLine(out);
      expect(o).toMatchObject({ full_text: '7d 60%', short_text: '60%' });
      expect(o.color).toMatch(HEX);
    } else {
      const [full, short, colour, rest] = out.split('\n');
      expect([full, short, rest]).toEqual(['7d 60%', '60%', '']);
      expect(colour).toMatch(HEX);
    }
  },
  tmux: (out) => expect(out).toMatch(/^#\[fg=#[0-9A-F]{6}\]7d 60%#\[default\]\n$/),
  'xbar and SwiftBar (macOS)': (out, s) => {
    const lines = out.trimEnd().split('\n');
    const record = s.command.includes('--watch') ? (expect(lines[0]).toBe('~~~'), lines.slice(1)) : lines;
    expect(record[0]).toMatch(/^7d 60% \| color=#[0-9A-F]{6}$/);
    expect(record[1]).toBe('---');
    expect(record.slice(2, 4)).toEqual([
      expect.stringMatching(/^Session \(5 h\) 42% · resets in /),
      expect.stringMatching(/^Weekly 60% · resets in /),
    ]);
    expect(record.at(-2)).toBe('---');
    expect(record.at(-1)).toMatch(/^Open Brimline \| (\w+=\S+ ?)+$/);
  },
  'Shell prompts and scripts': (out, s) => {
    if (s.command.includes('--json')) {
      const o = oneJsonLine(out) as { windows: Array<{ id: string; usedPercent: number }> };
      expect(o.windows.map((w) => `${w.id} ${w.usedPercent}%`)).toEqual(['session 42%', 'weekly 60%']);
    } else expect(out).toBe('7d 60%\n');
  },
};

describe('docs/guide/status-bars.md', () => {
  const all = snippets();

  it('has a snippet for every tool, and each command is one the tests know how to check', () => {
    expect(new Set(all.map((s) => s.section))).toEqual(new Set(Object.keys(CHECKS)));
    expect(all.length).toBeGreaterThanOrEqual(9);
  });

  for (const s of all) {
    it(`${s.section}: \`${s.command}\` prints what the tool reads`, async () => {
      CHECKS[s.section]!(await run(s.command), s);
    }, 20_000);
  }
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the tmux snippet in a real tmux server', () => {
  const hasTmux = (() => {
    try {
      execFileSync('tmux', ['-V']);
      return true;
    } catch {
      return false;
    }
  })();

  // Skipped only on a contributor's machine without tmux; CI (which installs it) runs it, and fails without it.
  it.skipIf(!hasTmux && !process.env.CI)(
    `status-right shows the segment, with its colour as a tmux style${hasTmux ? '' : ' (tmux is not installed here)'}`,
    async () => {
      const line = snippets()
        .find((s) => s.section === 'tmux')!
        .block.split('\n')
        .find((l) => l.startsWith('set -g status-right'))!;
      // `brimline` on the server's PATH: the built bin, through a launcher like the one Brimline writes.
      const bin = buildCli();
      const binDir = mkdtempSync(path.join(os.tmpdir(), 'hr-tmux-bin-'));
      writeFileSync(path.join(binDir, 'brimline'), `#!/bin/sh\nexec '${process.execPath}' '${bin}' "$@"\n`);
      chmodSync(path.join(binDir, 'brimline'), 0o755);
      const conf = path.join(binDir, 'tmux.conf');
      writeFileSync(conf, line + '\n');
      const socket = `brimline-test-${process.pid}`;
      const env = { ...dirs.env, PATH: `${binDir}:${process.env.PATH ?? ''}`, TMUX: '' };
      const tmux = (...args: string[]): string => execFileSync('tmux', ['-L', socket, ...args], { env, encoding: 'utf8' });
      tmux('-f', '/dev/null', 'new', '-d', '-x', '100', '-y', '10');
      const server = Number(tmux('display', '-p', '#{pid}').trim());
      const socketPath = tmux('display', '-p', '#{socket_path}').trim();
      // A control-mode client: tmux runs #() jobs for a client and shows their last output.
      const client = spawn('tmux', ['-L', socket, '-C', 'attach'], { env });
      try {
        tmux('source-file', conf);
        let out = '';
        client.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
        let asked = 0;
        await until(() => {
          if (Date.now() - asked > 250) {
            asked = Date.now();
            client.stdin.write(`display -p '#{T:status-right}'\n`);
          }
          return /#\[fg=#[0-9A-F]{6}\]7d 60%#\[default\] \d\d:\d\d/.test(out);
        }, 15_000);
      } finally {
        // Leave no server behind, whatever state the test left it in.
        client.kill('SIGKILL');
        try {
          tmux('kill-server');
        } catch {
          // Already gone, or not answering: the signal below ends it.
        }
        await until(() => !alive(server), 2000).catch(() => process.kill(server, 'SIGKILL'));
        rmSync(socketPath, { force: true });
      }
    },
    60_000,
  );
});
