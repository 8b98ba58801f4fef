/**
 * Writes an export where the user asked, all or nothing: a temp file beside the destination,
 * flushed, then renamed over it. A folder that does not exist is not created (a typo should fail,
 * not leave folders behind); a failure removes the temp file, so the destination keeps whatever
 * it held and no half-written file is left.
 */
import { promises as fsp, constants as fsc } from 'node:fs';
import * as path from 'node:path';
import type { ExportFailureReason } from '../../../shared/ipc';

export class ExportWriteError extends Error {
  override name = 'ExportWriteError';
  readonly reason: ExportFailureReason;
  constructor(
    readonly file: string,
    readonly code: string,
  ) {
    super(`Could not write to ${file}: ${writeFailureText(code)}; nothing was changed.`);
    this.reason = writeFailureReason(code);
  }
}

const REASONS: Readonly<Record<string, ExportFailureReason>> = {
  EACCES: 'permission',
  EPERM: 'permission',
  ENOSPC: 'disk-full',
  EDQUOT: 'disk-full',
  EROFS: 'read-only',
  ENOENT: 'no-folder',
  ENOTDIR: 'not-a-folder',
  EISDIR: 'is-a-folder',
};

export function writeFailureReason(code: string): ExportFailureReason {
  return REASONS[code] ?? 'other';
}

/** The OS's refusal in words a user can act on (the CLI's and the log's English). */
export function writeFailureText(code: string): string {
  const words: Record<ExportFailureReason, string> = {
    permission: 'permission denied',
    'disk-full': 'the disk is full',
    'read-only': 'the file system is read-only',
    'no-folder': 'the folder does not exist',
    'not-a-folder': 'part of the path is not a folder',
    'is-a-folder': 'that is a folder',
    other: code,
  };
  return words[writeFailureReason(code)];
}

export async function writeExportFile(file: string, text: string): Promise<void> {
  const target = path.resolve(file);
  const dir = path.dirname(target);
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let created = false;
  try {
    // Renaming over a folder would fail late on some systems and succeed oddly on none: refuse early.
    const existing = await fsp.stat(target).catch(() => null);
    if (existing?.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    const fh = await fsp.open(tmp, fsc.O_CREAT | fsc.O_EXCL | fsc.O_WRONLY, 0o644);
    created = true;
    try {
      await fh.writeFile(text);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fsp.rename(tmp, target);
    created = false;
  } catch (err) {
    if (created) await fsp.rm(tmp, { force: true }).catch(() => undefined);
    const code = (err as NodeJS.ErrnoException).code;
    throw new ExportWriteError(target, code ?? 'EUNKNOWN');
  }
}
