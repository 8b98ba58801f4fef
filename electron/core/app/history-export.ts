/**
 * Export… from the History view, once main's save dialog has named the file: every sample and
 * daily total of the period, in the format the file name asks for, written all at once by the
 * same exporter as `brimline history export`. Emails are left out, as the CLI leaves them out by
 * default; the accounts carry the names the user gave them.
 */
import type { UsageView } from '../../../shared/domain';
import type { Translator } from '../../../shared/i18n/translator';
import type { HistoryDays, HistoryExportResult } from '../../../shared/ipc';
import type { Settings } from '../../../shared/settings';
import { buildHistoryExport, formatForFile, readExportData, renderHistoryExport } from '../history/export';
import { ExportWriteError, writeExportFile } from '../history/export-file';
import type { HistoryService } from '../history/history-service';
import type { Logger } from '../platform/log';

export interface HistoryExportDeps {
  history?: HistoryService;
  view: () => UsageView;
  settings: () => Settings;
  translator: () => Translator;
  now: () => number;
  logger: Logger;
}

export async function exportHistoryTo(deps: HistoryExportDeps, days: HistoryDays, file: string): Promise<HistoryExportResult> {
  const now = deps.now();
  try {
    const empty = { read: () => Promise.resolve([]) };
    const data = await readExportData(deps.history?.store ?? empty, deps.history?.daily.list() ?? [], { days, now });
    const labels = deps.settings().accounts.labels;
    const accounts = deps.view().accounts.map((a) => ({ id: a.id, name: labels[a.id] ?? null, email: a.email }));
    const text = renderHistoryExport(
      buildHistoryExport({
        generatedAt: now,
        sinceMs: data.sinceMs,
        untilMs: data.untilMs,
        days,
        windowId: null,
        accountId: null,
        samples: data.samples,
        daily: data.daily,
        accounts,
        includeEmails: false,
        t: deps.translator().t,
      }),
      formatForFile(file),
    );
    await writeExportFile(file, text);
    deps.logger.info(`History exported: ${data.samples.length} samples, ${data.daily.length} days.`);
    return { kind: 'saved', path: file, samples: data.samples.length, days: data.daily.length };
  } catch (err) {
    const message =
      err instanceof ExportWriteError ? err.message : `Could not export the history: ${err instanceof Error ? err.message : String(err)}`;
    deps.logger.warn(message);
    return { kind: 'failed', path: file, reason: err instanceof ExportWriteError ? err.reason : 'other', message };
  }
}
