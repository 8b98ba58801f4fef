/**
 * `brimline history export`: every recorded sample and every daily local-log total of a period,
 * as CSV (default) or JSON, to standard output or, with `--out`, to a file written all at once.
 * A subcommand rather than a flag on `history`, so `history --json` keeps its summary for the
 * scripts that read it. Reads the stores; polls nothing, writes nothing in the data folder.
 */
import { parseArgs } from 'node:util';
import { findAccount } from '../../../shared/accounts';
import type { Account } from '../../../shared/domain';
import { makeTranslator } from '../../../shared/i18n/translator';
import { DailyTotalsStore } from '../history/daily-totals';
import {
  EXPORT_FORMATS,
  buildHistoryExport,
  exportAccountName,
  readExportData,
  renderHistoryExport,
  type ExportAccount,
  type ExportFormat,
} from '../history/export';
import { writeExportFile } from '../history/export-file';
import { HistoryStore } from '../history/history-store';
import { dataDir } from '../platform/paths';
import { SettingsStore } from '../settings/settings-store';
import { SnapshotStore } from '../usage/snapshot-store';
import type { CliIo } from './io';

export const HISTORY_EXPORT_HELP = `Usage: brimline history export [--format csv|json] [--days N] [--window ID]
                              [--account ID|NAME] [--out FILE] [--include-emails]

Every recorded sample and every daily local-log total of the period, one row each.

Options:
  --format F        csv (default) or json. CSV has a header row and one row per sample
                    (kind=sample) or day (kind=daily); times are UTC (ISO-8601, "Z").
  --days N          How many days back, 1 to 90 (default 90: everything Brimline keeps).
  --window ID       Only this window's samples (e.g. five_hour, seven_day, weekly_model:opus).
  --account A       Only this account's samples: its id or the name you gave it.
  --out FILE        Write to FILE (replaced all at once; on failure nothing changes) instead
                    of standard output.
  --include-emails  Add the accounts' emails (left out by default).
  -h, --help        Show this help.

Daily rows are this computer's local logs: --window and --account do not filter them.
Columns: see docs/guide/history.md (Export).
`;

const fail = (io: CliIo, message: string, code: number): number => {
  io.stderr(`brimline history export: ${message}\n`);
  return code;
};

interface ExportOptions {
  format: ExportFormat;
  days: number;
  window: string | null;
  account: string | null;
  out: string | null;
  includeEmails: boolean;
}

/** The options, or the exit code after saying what is wrong. */
function parseOptions(args: string[], io: CliIo): ExportOptions | number {
  let values: {
    format?: string;
    days?: string;
    window?: string;
    account?: string;
    out?: string;
    'include-emails'?: boolean;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        format: { type: 'string' },
        days: { type: 'string' },
        window: { type: 'string' },
        account: { type: 'string' },
        out: { type: 'string' },
        'include-emails': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    io.stderr(`brimline history export: ${err instanceof Error ? err.message : String(err)}\n\n${HISTORY_EXPORT_HELP}`);
    return 2;
  }
  if (values.help) {
    io.stdout(HISTORY_EXPORT_HELP);
    return 0;
  }
  const format = (values.format ?? 'csv').toLowerCase();
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) return fail(io, `--format is csv or json (got "${values.format}").`, 2);
  const days = values.days === undefined ? 90 : Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 90)
    return fail(io, `--days needs a whole number from 1 to 90 (got "${values.days}").`, 2);
  if (values.out !== undefined && values.out.trim() === '') return fail(io, '--out needs a file name.', 2);
  return {
    format: format as ExportFormat,
    days,
    window: values.window?.trim() || null,
    account: values.account?.trim() || null,
    out: values.out ?? null,
    includeEmails: values['include-emails'] === true,
  };
}

/** The accounts the data folder knows: the names given in Settings, the emails the last polls saw. */
async function knownAccounts(dir: string, sampleIds: readonly string[]): Promise<ExportAccount[]> {
  const settings = await new SettingsStore(dir).load();
  const saved = await new SnapshotStore(dir).load();
  const emails = new Map<string, string>();
  for (const s of saved) if (s.snapshot.plan?.email) emails.set(s.snapshot.accountId, s.snapshot.plan.email);
  const ids = new Set([...sampleIds, ...emails.keys(), ...Object.keys(settings.accounts.labels)]);
  return [...ids].map((id) => ({ id, name: settings.accounts.labels[id] ?? null, email: emails.get(id) ?? null }));
}

export async function runHistoryExportCommand(args: string[], io: CliIo): Promise<number> {
  const opts = parseOptions(args, io);
  if (typeof opts === 'number') return opts;
  const now = io.now();
  const dir = dataDir(io.env);
  const store = new HistoryStore(dir, { now: io.now });
  const dailyStore = new DailyTotalsStore(dir, { now: io.now });
  const all = await readExportData(store, await dailyStore.load(), { days: opts.days, now, windowId: opts.window });
  const accounts = await knownAccounts(
    dir,
    all.samples.map((s) => s.accountId),
  );

  const t = makeTranslator('en', ['en-US']).t;
  let accountId: string | null = null;
  if (opts.account !== null) {
    const asShown: Account[] = accounts.map((a) => ({ id: a.id, label: a.name ?? a.email ?? a.id, email: a.email, plan: null }));
    const found = findAccount(asShown, opts.account);
    if (!found) {
      const name = (a: ExportAccount): string => exportAccountName({ t, includeEmails: opts.includeEmails }, a.id, a);
      const list = accounts.map((a) => `  ${a.id}  ${name(a)}`).join('\n');
      return fail(io, `no single account is called "${opts.account}". Known accounts:\n${list || '  (none yet)'}`, 2);
    }
    accountId = found.id;
  }
  for (const p of [...store.problems, ...(dailyStore.loadProblem ? [dailyStore.loadProblem] : [])]) io.stderr(`! ${p}\n`);

  const text = renderHistoryExport(
    buildHistoryExport({
      generatedAt: now,
      sinceMs: all.sinceMs,
      untilMs: all.untilMs,
      days: opts.days,
      windowId: opts.window,
      accountId,
      samples: accountId === null ? all.samples : all.samples.filter((s) => s.accountId === accountId),
      daily: all.daily,
      accounts,
      includeEmails: opts.includeEmails,
      t,
    }),
    opts.format,
  );
  if (opts.out === null) {
    io.stdout(text);
    return 0;
  }
  try {
    await writeExportFile(opts.out, text);
  } catch (err) {
    return fail(io, err instanceof Error ? err.message : String(err), 1);
  }
  io.stderr(`Saved to ${opts.out}\n`);
  return 0;
}
