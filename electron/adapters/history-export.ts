/**
 * Export… in the History view: main's save dialog names the file (the renderer never sends a
 * path), then the service writes it with the core exporter. Cancel writes nothing and says
 * nothing. The format follows the file name (`.json` → JSON, else CSV).
 */
import { app, dialog, type BrowserWindow, type SaveDialogOptions } from 'electron';
import * as path from 'node:path';
import type { HistoryDays, HistoryExportResult } from '../../shared/ipc';
import type { AppService } from '../core/app/app-service';

export interface HistoryExportDialogDeps {
  service: Pick<AppService, 'exportHistory' | 'translator'>;
  /** Runs the dialog over the popover, which stays open meanwhile (WindowManager.withDialog). */
  withDialog: <T>(show: (parent: BrowserWindow | null) => Promise<T>) => Promise<T>;
  now: () => number;
}

/** `brimline-history-2026-07-03.csv`, today's local date. */
export function defaultExportName(now: number): string {
  const d = new Date(now);
  const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return `brimline-history-${day}.csv`;
}

/** The Downloads folder when the OS has one, else the home folder. */
function defaultFolder(): string {
  try {
    return app.getPath('downloads');
  } catch {
    return app.getPath('home');
  }
}

export async function exportHistoryWithDialog(deps: HistoryExportDialogDeps, days: HistoryDays): Promise<HistoryExportResult> {
  const { t } = deps.service.translator();
  const options: SaveDialogOptions = {
    title: t('history.export.dialogTitle'),
    defaultPath: path.join(defaultFolder(), defaultExportName(deps.now())),
    filters: [
      { name: 'CSV', extensions: ['csv'] },
      { name: 'JSON', extensions: ['json'] },
    ],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const chosen = await deps.withDialog((parent) => (parent ? dialog.showSaveDialog(parent, options) : dialog.showSaveDialog(options)));
  if (chosen.canceled || !chosen.filePath) return { kind: 'canceled' };
  return deps.service.exportHistory(days, chosen.filePath);
}
