/**
 * Writes an export where the user asked, all or nothing: a temp file beside the destination,
 * flushed, then renamed over it. A folder that does not exist is not created (a typo should fail,
 * not leave folders behind); a failure removes the temp file, so the destination keeps whatever
 * it held and no half-written file is left.
 */
import { promises as fsp, constants as fsc } from 'node:fs';
import * as path from 'node:path';

export class ExportWriteError extends Error {
  override name = 'ExportWriteError';
  constructor(
    readonly file: string,
    readonly code: string,
    readonly reason: string,
  ) {
    super(`Could not write to ${file}: ${reason}; nothing was changed.`);
  }
}

/** The OS's refusal in words a user can act on. */
export function writeFailureReason(code: string | undefined): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk is full';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOENT':
      return 'the folder does not exist';
    case 'ENOTDIR':
      return 'part of the path is not a folder';
    case 'EISDIR':
      return 'that is a folder';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    default:
      return code ?? 'an unknown error';
  }
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
    throw new ExportWriteError(target, code ?? 'EUNKNOWN', writeFailureReason(code));
  }
}
