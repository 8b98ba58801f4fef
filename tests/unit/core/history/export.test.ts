import { describe, expect, it } from 'vitest';
import {
  EXPORT_COLUMNS,
  buildHistoryExport,
  csvField,
  exportToCsv,
  formatForFile,
  readExportData,
  type HistoryExportInput,
} from '../../../../electron/core/history/export';
import type { DailyTotal, HistorySample } from '../../../../electron/core/history/types';
import { makeTranslator } from '../../../../shared/i18n/translator';

const NOW = Date.parse('2026-07-03T14:00:00Z');
const t = makeTranslator('en', ['en-US']).t;

const sample = (over: Partial<HistorySample> = {}): HistorySample => ({
  t: Date.parse('2026-07-03T12:30:00+02:00'),
  accountId: 'account:1111aaaa-2222',
  windowId: 'five_hour',
  kind: 'session',
  sourceId: 'claude-oauth',
  usedPercent: 42.5,
  resetsAt: Date.parse('2026-07-03T17:00:00Z'),
  imported: false,
  ...over,
});

const day: DailyTotal = {
  date: '2026-07-02',
  inputTokens: 1000,
  outputTokens: 200,
  cacheCreationTokens: 30,
  cacheReadTokens: 5000,
  totalTokens: 6230,
  totalCost: 3.25,
};

function input(over: Partial<HistoryExportInput> = {}): HistoryExportInput {
  return {
    generatedAt: NOW,
    sinceMs: NOW - 7 * 86_400_000,
    untilMs: NOW,
    days: 7,
    windowId: null,
    accountId: null,
    samples: [sample()],
    daily: [day],
    accounts: [{ id: 'account:1111aaaa-2222', name: null, email: 'ada@example.com' }],
    includeEmails: false,
    t,
    ...over,
  };
}

/** A tiny RFC 4180 reader, so the tests check what a spreadsheet would read, not our own writer's text. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  expect(field).toBe('');
  return rows;
}

function records(text: string): Record<string, string>[] {
  const [head, ...rows] = parseCsv(text);
  expect(head).toEqual([...EXPORT_COLUMNS]);
  return rows.map((r) => {
    expect(r).toHaveLength(head!.length);
    return Object.fromEntries(head!.map((h, i) => [h, r[i]!]));
  });
}

describe('history export', () => {
  it('writes one row per sample and per day, with UTC times and the documented columns', () => {
    const rows = records(exportToCsv(buildHistoryExport(input())));
    expect(rows).toHaveLength(2);
    const [s, d] = rows;
    expect(s).toMatchObject({
      kind: 'sample',
      time: '2026-07-03T10:30:00.000Z',
      day: '2026-07-03',
      account_id: 'account:1111aaaa-2222',
      account_label: 'account:1111aaaa-2222',
      email: '',
      window_id: 'five_hour',
      window_kind: 'session',
      window_label: 'Session (5 h)',
      source: 'claude-oauth',
      used_percent: '42.5',
      resets_at: '2026-07-03T17:00:00.000Z',
      imported: 'false',
      cost_usd: '',
    });
    expect(d).toMatchObject({ kind: 'daily', time: '', day: '2026-07-02', account_id: '', total_tokens: '6230', cost_usd: '3.25' });
  });

  it('leaves emails out unless asked, even when the user named the account with one', () => {
    const named = input({ accounts: [{ id: 'account:1111aaaa-2222', name: 'ada@example.com', email: 'ada@example.com' }] });
    const csv = exportToCsv(buildHistoryExport(named));
    expect(csv).not.toContain('@');
    expect(JSON.stringify(buildHistoryExport(named))).not.toContain('@');

    const asked = buildHistoryExport({ ...named, includeEmails: true });
    const [row] = records(exportToCsv(asked));
    expect(row).toMatchObject({ account_label: 'ada@example.com', email: 'ada@example.com' });
    expect(asked.samples[0]!.email).toBe('ada@example.com');
    expect(asked.includesEmails).toBe(true);
  });

  it('keeps the name the user gave, and names the local and organisation accounts without one', () => {
    const data = buildHistoryExport(
      input({
        samples: [sample(), sample({ accountId: 'local' }), sample({ accountId: 'org:abcdef12-3456' })],
        accounts: [{ id: 'account:1111aaaa-2222', name: 'Work', email: 'ada@example.com' }],
      }),
    );
    expect(data.samples.map((s) => s.accountLabel)).toEqual(['Work', 'This computer', 'Organisation abcdef12']);
  });

  it('never writes a secret-looking name: the account gets its id-derived name instead', () => {
    const secret = 'sk-ant-sid01-HRMARKdeadbeefcafe-token';
    const data = buildHistoryExport(
      input({ includeEmails: true, accounts: [{ id: 'account:1111aaaa-2222', name: secret, email: `x${secret}@example.com` }] }),
    );
    const text = exportToCsv(data) + JSON.stringify(data);
    expect(text).not.toContain('HRMARKdeadbeefcafe');
    expect(data.samples[0]!.accountLabel).toBe('account:1111aaaa-2222');
  });

  it('quotes commas, quotes and line breaks (RFC 4180), and defuses names a spreadsheet would run', () => {
    const name = 'Team "A", night\nshift';
    const data = buildHistoryExport(
      input({
        samples: [sample(), sample({ accountId: 'account:b' })],
        accounts: [
          { id: 'account:1111aaaa-2222', name, email: null },
          { id: 'account:b', name: '=HYPERLINK("x")', email: null },
        ],
      }),
    );
    const csv = exportToCsv(data);
    expect(csv).toContain('"Team ""A"", night\nshift"');
    const rows = records(csv);
    expect(rows[0]!.account_label).toBe(name);
    expect(rows[1]!.account_label).toBe('\'=HYPERLINK("x")');
    expect(csvField('plain')).toBe('plain');
  });

  it('keeps every sample of the period and filters by window and account', async () => {
    const all = [
      sample({ t: NOW - 8 * 86_400_000 }),
      sample({ t: NOW - 60_000 }),
      sample({ t: NOW - 30_000, windowId: 'seven_day', kind: 'weekly' }),
      sample({ t: NOW - 20_000, accountId: 'local' }),
    ];
    const store = {
      read: async (q: { sinceMs: number; untilMs?: number; windowId?: string; accountId?: string }) =>
        all.filter(
          (s) =>
            s.t >= q.sinceMs &&
            s.t <= (q.untilMs ?? Infinity) &&
            (q.windowId === undefined || s.windowId === q.windowId) &&
            (q.accountId === undefined || s.accountId === q.accountId),
        ),
    };
    const days = [{ ...day, date: '2026-06-20' }, day];
    const week = await readExportData(store, days, { days: 7, now: NOW });
    expect(week.samples).toHaveLength(3);
    expect(week.daily.map((d) => d.date)).toEqual(['2026-07-02']);
    const only = await readExportData(store, days, { days: 7, now: NOW, windowId: 'five_hour', accountId: 'local' });
    expect(only.samples.map((s) => s.t)).toEqual([NOW - 20_000]);
  });

  it('picks the format from the file name', () => {
    expect(formatForFile('/tmp/a.JSON')).toBe('json');
    expect(formatForFile('/tmp/a.csv')).toBe('csv');
    expect(formatForFile('/tmp/a')).toBe('csv');
  });
});
