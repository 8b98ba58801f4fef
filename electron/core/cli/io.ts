/** What a CLI command may touch, injected so commands are tested without a real terminal. */
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: Record<string, string | undefined>;
  now: () => number;
  isTTY: boolean;
  /** Standard input, for commands that read it (`statusline`); default process.stdin. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
}

export class UsageError extends Error {
  override name = 'UsageError';
}
