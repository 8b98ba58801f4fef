/** What a CLI command may touch, injected so commands are tested without a real terminal. */
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: Record<string, string | undefined>;
  now: () => number;
  isTTY: boolean;
  /** Standard input, for commands that read it (`statusline`); default process.stdin. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  /**
   * For commands that run until stopped (`status --watch`): calls the listener once on SIGINT or
   * SIGTERM, or when stdout's reader has gone (EPIPE); returns an unsubscribe function. Absent: the
   * command runs until the process is killed.
   */
  onStop?: (listener: (why: 'signal' | 'stdout-closed') => void) => () => void;
}

export class UsageError extends Error {
  override name = 'UsageError';
}
