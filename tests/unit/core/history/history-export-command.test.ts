/** `brimline history export`, with real stores in a temp data folder and real files written. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../../electron/cli';
import type { CliIo } from '../../../../electron/core/cli/io';
import { DailyTotalsStore } from '../../../../electron/core/history/daily-totals';
import { EXPORT_COLUMNS } from '../../../../electron/core/history/export';
import { HistoryStore } from '../../../../electron/core/history/history-store';
import type { HistorySample } from '../../../../electron/core/history/types';
import { SettingsStore } from '../../../../electron/core/settings/settings-store';
import { SnapshotStore } from '../../../../electron/core/usage/snapshot-store';
import type { SourceSnapshot } from '../../../../shared/domain';
import { buildCli, runBin } from '../statusline/helpers';

const MIN = 60_000;
const DAY = 86_400_000;
const NOW = Date.parse('2026-07-03T14:00:00Z');
const WORK = 'account:1111aaaa-2222-3333-4444-555566667777';
const SECRET = 'sk-ant-sid01-HRMARKfeedface0123-secret';

function io(dir: string): CliIo & { out: string; err: string } {
  const o = { out: '', err: '' };
  return Object.assign(o, {
    stdout: (s: string) => void (o.out += s),
    stderr: (s: string) => void (o.err += s),
    env: { BRIMLINE_DATA_DIR: dir },
    now: () => NOW,
    isTTY: false,
  });
}

const sample = (t: number, over: Partial<HistorySample> = {}): HistorySample => ({
  t,
  accountId: WORK,
  windowId: 'five_hour',
  kind: 'session',
  sourceId: 'claude-oauth',
  usedPercent: 10,
  resetsAt: t + 60 * MIN,
  imported: false,
  ...over,
});

const snapshot = (accountId: string, email: string): SourceSnapshot => ({
  sourceId: 'claude-oauth',
  accountId,
  state: 'ok',
  error: null,
  fetchedAt: new Date(NOW).toISOString(),
  attemptedAt: new Date(NOW).toISOString(),
  nextAttemptAt: null,
  plan: { name: 'Max 5x', email },
  windows: [],
  extraUsage: null,
});

/** 300 samples over 20 days (two accounts, two windows), two daily totals, names and emails known. */
async function seeded(now = NOW): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bl-export-cli-'));
  const store = new HistoryStore(dir, { now: () => now });
  await store.open();
  const samples: HistorySample[] = [];
  for (let i = 0; i < 300; i++) {
    const t = now - i * 96 * MIN;
    samples.push(
      i % 3 === 0
        ? sample(t, { accountId: 'account:other', windowId: 'seven_day', kind: 'weekly', usedPercent: i / 10 })
        : sample(t, { usedPercent: i % 100 }),
    );
  }
  await store.append(samples);
  const day = { inputTokens: 1, outputTokens: 2, cacheCreationTokens: 3, cacheReadTokens: 4, totalTokens: 10 };
  await new DailyTotalsStore(dir, { now: () => now }).upsert([
    { date: '2026-06-10', ...day, totalCost: 1.5 },
    { date: '2026-07-02', ...day, totalCost: 3.25 },
  ]);
  const settings = new SettingsStore(dir);
  await settings.load();
  await settings.update({ accounts: { labels: { [WORK]: 'Work, "main"', 'account:other': SECRET } } });
  await new SnapshotStore(dir).save([
    { snapshot: snapshot(WORK, 'ada@example.com'), gateUntil: null, rateLimitStreak: 0, lastAttemptAt: null },
  ]);
  return dir;
}

const csvRows = (text: string): string[] => text.split('\r\n').filter((l) => l !== '');

describe('brimline history export', () => {
  it('writes every sample of the period and every daily total as CSV, without emails or secrets', async () => {
    const dir = await seeded();
    const o = io(dir);
    expect(await main(['history', 'export', '--days', '30'], o)).toBe(0);
    const rows = csvRows(o.out);
    expect(rows[0]).toBe(EXPORT_COLUMNS.join(','));
    expect(rows.filter((r) => r.startsWith('sample,'))).toHaveLength(300);
    expect(rows.filter((r) => r.startsWith('daily,'))).toHaveLength(2);
    expect(o.out).toContain('"Work, ""main"""');
    expect(o.out).not.toContain('@');
    expect(o.out).not.toContain('HRMARKfeedface');
    expect(rows[1]).toMatch(/^sample,2026-06-13T\d\d:\d\d:00\.000Z,2026-06-13,/);
    expect(o.err).toBe('');
  });

  it('narrows by days, window and account; --include-emails adds the emails', async () => {
    const dir = await seeded();
    const week = io(dir);
    expect(
      await main(['history', 'export', '--format', 'json', '--days', '7', '--window', 'five_hour', '--account', 'work, "main"'], week),
    ).toBe(0);
    const data = JSON.parse(week.out) as {
      schemaVersion: number;
      columns: string[];
      samples: Array<{ time: string; accountId: string; windowId: string; email?: string }>;
      daily: Array<{ day: string; costUsd: number }>;
      account: string;
    };
    const inWeek = Array.from({ length: 300 }, (_, i) => i).filter((i) => i * 96 * MIN <= 7 * DAY && i % 3 !== 0);
    expect(data.samples).toHaveLength(inWeek.length);
    expect(new Set(data.samples.map((s) => `${s.accountId} ${s.windowId}`))).toEqual(new Set([`${WORK} five_hour`]));
    expect(data.samples.every((s) => s.time.endsWith('Z') && !('email' in s))).toBe(true);
    expect(data.daily).toEqual([expect.objectContaining({ day: '2026-07-02', costUsd: 3.25 })]);
    expect(data).toMatchObject({ schemaVersion: 1, account: WORK, columns: [...EXPORT_COLUMNS] });

    const emails = io(dir);
    expect(await main(['history', 'export', '--days', '1', '--include-emails', '--account', WORK], emails)).toBe(0);
    expect(csvRows(emails.out)[1]).toContain(',ada@example.com,five_hour,');
  });

  it('says what is wrong with its options and lists the accounts it knows', async () => {
    const dir = await seeded();
    const bad = io(dir);
    expect(await main(['history', 'export', '--format', 'xml'], bad)).toBe(2);
    expect(bad.err).toBe('brimline history export: --format is csv or json (got "xml").\n');
    const who = io(dir);
    expect(await main(['history', 'export', '--account', 'nobody'], who)).toBe(2);
    expect(who.err).toContain(`${WORK}  Work, "main"`);
    expect(who.err).not.toContain('HRMARKfeedface');
    expect(who.out).toBe('');
  });

  it('`history --csv` is the CSV export, with the same options', async () => {
    const dir = await seeded();
    const viaExport = io(dir);
    const viaFlag = io(dir);
    expect(await main(['history', 'export', '--format', 'csv', '--days', '30', '--window', 'seven_day'], viaExport)).toBe(0);
    expect(await main(['history', '--days', '30', '--csv', '--window', 'seven_day'], viaFlag)).toBe(0);
    expect(viaFlag.out).toBe(viaExport.out);
    expect(csvRows(viaFlag.out).filter((r) => r.startsWith('sample,'))).toHaveLength(100);
  });

  it('keeps `history --json` as it was: the summary, not the export', async () => {
    const dir = await seeded();
    const o = io(dir);
    expect(await main(['history', '--json'], o)).toBe(0);
    expect(Object.keys(JSON.parse(o.out) as object)).toEqual(['generatedAt', 'days', 'since', 'windows', 'daily', 'problems']);
  });

  it('--out replaces the file all at once and leaves nothing else in its folder', async () => {
    const dir = await seeded();
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bl-export-out-'));
    const file = path.join(outDir, 'usage.json');
    fs.writeFileSync(file, 'old');
    const o = io(dir);
    expect(await main(['history', 'export', '--format', 'json', '--out', file], o)).toBe(0);
    const stdout = io(dir);
    await main(['history', 'export', '--format', 'json'], stdout);
    expect(fs.readFileSync(file, 'utf8')).toBe(stdout.out);
    expect(o.out).toBe('');
    expect(o.err).toBe(`Saved to ${file}\n`);
    expect(fs.readdirSync(outDir)).toEqual(['usage.json']);
  });

  it('a destination that cannot be written: one line, exit 1, nothing written (a file where a folder should be)', async () => {
    const dir = await seeded();
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bl-export-out-'));
    fs.writeFileSync(path.join(outDir, 'blocker'), 'x');
    const o = io(dir);
    const file = path.join(outDir, 'blocker', 'usage.csv');
    expect(await main(['history', 'export', '--out', file], o)).toBe(1);
    expect(o.err).toBe(`brimline history export: Could not write to ${file}: part of the path is not a folder; nothing was changed.\n`);
    expect(o.out).toBe('');
    expect(fs.readdirSync(outDir)).toEqual(['blocker']);
    expect(fs.readFileSync(path.join(outDir, 'blocker'), 'utf8')).toBe('x');
  });
});

describe('the built bin', () => {
  let bin = '';
  beforeAll(() => {
    bin = buildCli();
  }, 60_000);

  it('stops quietly when the reader of its output goes away (EPIPE)', async () => {
    const data = await seeded(Date.now());
    const r = await runBin(bin, ['history', 'export', '--days', '30'], { env: { BRIMLINE_DATA_DIR: data }, closeStdout: true });
    expect(r).toMatchObject({ code: 0, stderr: '' });
  });

  // Root ignores file modes: as root the run drops the capabilities that let it (setpriv, util-linux).
  const root = process.getuid?.() === 0;
  const canDrop = !root || spawnSync('setpriv', ['--bounding-set=-dac_override,-dac_read_search', 'true']).status === 0;
  it.skipIf(process.platform === 'win32' || !canDrop)(
    `a folder without write permission: "permission denied", exit 1, the file there untouched${canDrop ? '' : ' (skipped: root without setpriv)'}`,
    async () => {
      const data = await seeded(Date.now());
      const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'bl-export-denied-'));
      const file = path.join(dest, 'usage.csv');
      fs.writeFileSync(file, 'previous export');
      fs.chmodSync(dest, 0o500);
      try {
        const cli = [process.execPath, bin, 'history', 'export', '--out', file];
        const [cmd, ...args] = root ? ['setpriv', '--bounding-set=-dac_override,-dac_read_search', '--', ...cli] : cli;
        const r = spawnSync(cmd!, args, { env: { PATH: process.env.PATH ?? '', BRIMLINE_DATA_DIR: data }, encoding: 'utf8' });
        expect(r.stderr).toBe(`brimline history export: Could not write to ${file}: permission denied; nothing was changed.\n`);
        expect(r.status).toBe(1);
        expect(r.stdout).toBe('');
      } finally {
        fs.chmodSync(dest, 0o700);
      }
      expect(fs.readFileSync(file, 'utf8')).toBe('previous export');
      expect(fs.readdirSync(dest)).toEqual(['usage.csv']);
    },
  );
});

// A read-only folder and a full disk need a mount namespace (`unshare -rm`); root ignores file modes.
const canMount = spawnSync('unshare', ['-rm', 'true']).status === 0;
describe.skipIf(!canMount)(
  `history export to a read-only folder and a full disk${canMount ? '' : ' (skipped: no mount namespace here)'}`,
  () => {
    let bin = '';
    beforeAll(() => {
      bin = buildCli();
    }, 60_000);

    /**
     * Runs the built bin with `dest` mounted as `mountScript` says, for this run only; then, still
     * inside the mount, prints the folder's listing and `usage.csv` (a tmpfs vanishes with the run).
     */
    function inMount(
      mountScript: string,
      dest: string,
      data: string,
      args: string[],
    ): { status: number | null; stderr: string; after: string } {
      const script = `d="$1"; node="$2"; bin="$3"; shift 3; ${mountScript} && { "$node" "$bin" history export "$@"; code=$?; ls -A "$d"; cat "$d/usage.csv"; exit $code; }`;
      const r = spawnSync('unshare', ['-rm', 'sh', '-c', script, 'sh', dest, process.execPath, bin, ...args], {
        env: { PATH: process.env.PATH ?? '', BRIMLINE_DATA_DIR: data },
        encoding: 'utf8',
      });
      return { status: r.status, stderr: r.stderr, after: r.stdout };
    }

    it('read-only: exit 1, the reason in one line, the existing file untouched', async () => {
      const data = await seeded();
      const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'bl-export-ro-'));
      const file = path.join(dest, 'usage.csv');
      fs.writeFileSync(file, 'previous export');
      const r = inMount('mount --bind "$d" "$d" && mount -o remount,bind,ro "$d"', dest, data, ['--out', file]);
      expect(r.stderr).toBe(`brimline history export: Could not write to ${file}: the file system is read-only; nothing was changed.\n`);
      expect(r.status).toBe(1);
      expect(r.after).toBe('usage.csv\nprevious export');
      expect(fs.readFileSync(file, 'utf8')).toBe('previous export');
      expect(fs.readdirSync(dest)).toEqual(['usage.csv']);
    });

    it('full disk: exit 1, no partial file left, the existing file untouched', async () => {
      // The built bin reads the real clock: samples up to now.
      const data = await seeded(Date.now());
      const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'bl-export-full-'));
      const file = path.join(dest, 'usage.csv');
      // A 16 KiB file system: the export of 300 samples (about 40 KiB) cannot fit.
      const r = inMount('mount -t tmpfs -o size=16k tmpfs "$d" && printf "previous export" > "$d/usage.csv"', dest, data, [
        '--days',
        '30',
        '--out',
        file,
      ]);
      expect(r.stderr).toBe(`brimline history export: Could not write to ${file}: the disk is full; nothing was changed.\n`);
      expect(r.status).toBe(1);
      expect(r.after).toBe('usage.csv\nprevious export');
    });
  },
);
