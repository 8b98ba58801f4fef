/**
 * Electron wraps an error thrown by an ipcMain.handle handler as
 * "Error invoking remote method 'brimline:save-secret': Error: The secret is empty; nothing was saved."
 * The user should read only the last part, which main wrote for them.
 */
const WRAPPER = /^Error invoking remote method '[^']*': (?:[A-Za-z]*Error: )?/;

export function ipcErrorMessage(raw: string): string {
  const clean = raw.replace(WRAPPER, '').trim();
  return clean === '' ? 'Brimline could not complete this action. Try again, or restart Brimline.' : clean;
}

/** A rejected invoke as an Error carrying only main's own message. */
export function cleanIpcError(err: unknown): Error {
  return new Error(ipcErrorMessage(err instanceof Error ? err.message : String(err)));
}
