/**
 * The CLI's first step, before any command: the deprecation notice for former variables, and the
 * data folder move when one waits (see data-folder.ts for why this is cheap on the hot path).
 */
import { pendingFolderMove } from './data-folder';
import { legacyEnvNotice } from './env';

/** A failed copy is not tried again on every status-line run (after every Claude Code response). */
const CLI_RETRY_AFTER_MS = 10 * 60_000;

/** Returns the io the command runs with: its env names the former folder when the move failed. */
/** What the CLI's start hands the migration: the CLI's own io, seen only as far as needed (migrations never import the CLI). */
interface StartIo {
  stderr: (s: string) => void;
  env: Record<string, string | undefined>;
  now: () => number;
}

export async function migrateAtCliStart<T extends StartIo>(io: T, entry: string = process.argv[1] ?? ''): Promise<T> {
  const notice = legacyEnvNotice(io.env);
  if (notice) io.stderr(`${notice}\n`);
  const plan = pendingFolderMove(io.env);
  if (!plan) return io;
  const { moveDataFolder } = await import('./folder-move');
  const moved = moveDataFolder(plan, { retryAfterMs: CLI_RETRY_AFTER_MS });
  if (moved.kind === 'failed') {
    io.stderr(`brimline: ${moved.message}\n`);
    return { ...io, env: { ...io.env, BRIMLINE_DATA_DIR: moved.from } };
  }
  if (moved.kind === 'moved') {
    io.stderr(`brimline: your data moved from ${moved.from} to ${moved.to} (Brimline's new name).\n`);
    const { repointStatuslineInstalls } = await import('./statusline');
    const { currentCliTarget } = await import('../statusline/launcher-shim');
    const res = await repointStatuslineInstalls({ dataDir: moved.to, target: currentCliTarget(entry), now: io.now }).catch(
      (err: unknown) => ({
        repointed: [],
        problems: [`Claude Code's status line was not repointed: ${String(err)}. Run \`brimline statusline install\`.`],
      }),
    );
    for (const p of res.problems) io.stderr(`brimline: ${p}\n`);
  }
  return io;
}
