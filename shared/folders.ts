/** Claude Code config folders as the user types and reads them, the same in main, the CLI and the renderer. */

/** The settings schema's rule: an absolute path (POSIX, a Windows drive or share) or one starting with `~`. */
export function isAbsoluteFolder(folder: string): boolean {
  const f = folder.trim();
  return f.startsWith('/') || f.startsWith('~') || /^[A-Za-z]:[\\/]/.test(f) || f.startsWith('\\\\');
}

/** `~/.claude-work` for display; other paths as they are. */
export function tildify(dir: string, home: string | null): string {
  if (home === null) return dir;
  if (dir === home) return '~';
  return dir.startsWith(`${home}/`) || dir.startsWith(`${home}\\`) ? `~${dir.slice(home.length)}` : dir;
}
