/**
 * Opens Brimline's data folder in the system file manager (Settings › About). The path comes from
 * main, never from the renderer, so a page cannot ask the shell to open anything else.
 */
import { shell } from 'electron';
import type { Logger } from '../core/platform/log';

/** True when the file manager opened it; Electron reports a failure as a non-empty message. */
export async function openDataFolder(dir: string, logger: Logger): Promise<boolean> {
  try {
    const problem = await shell.openPath(dir);
    if (problem === '') return true;
    logger.warn(`Could not open the data folder: ${problem}`);
  } catch (err) {
    logger.warn(`Could not open the data folder: ${err instanceof Error ? err.message : String(err)}`);
  }
  return false;
}
