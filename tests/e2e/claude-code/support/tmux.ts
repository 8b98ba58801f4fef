/**
 * The interactive client in a terminal, as a user runs it: a tmux server on its own socket
 * (`tmux -L`), so nothing here touches a contributor's own tmux sessions. The server is started
 * with exactly the environment given, which is how the client gets its fake world.
 */
import { execFileSync } from 'node:child_process';

export interface Pane {
  /** Types text literally, then presses Enter when asked. */
  type(text: string, enter?: boolean): void;
  keys(...keys: string[]): void;
  capture(): string;
  /** Waits until the pane's text matches; the error carries the last screen. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Kills the session and its server. */
  kill(): void;
}

export function startPane(opts: {
  socket: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  command: string[];
  width?: number;
  height?: number;
}): Pane {
  const tmux = (...args: string[]): string =>
    execFileSync('tmux', ['-L', opts.socket, '-f', '/dev/null', ...args], {
      env: opts.env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  tmux('new-session', '-d', '-s', 'e2e', '-x', String(opts.width ?? 160), '-y', String(opts.height ?? 50), '-c', opts.cwd, ...opts.command);
  // Keep the pane after the client exits, so a crash leaves its last words on screen.
  tmux('set-option', '-t', 'e2e', 'remain-on-exit', 'on');
  const pane: Pane = {
    type(text, enter = false) {
      tmux('send-keys', '-t', 'e2e', '-l', text);
      if (enter) tmux('send-keys', '-t', 'e2e', 'Enter');
    },
    keys(...keys) {
      tmux('send-keys', '-t', 'e2e', ...keys);
    },
    capture() {
      return tmux('capture-pane', '-p', '-t', 'e2e', '-S', '-200');
    },
    async waitFor(pattern, timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      let screen = '';
      while (Date.now() < until) {
        screen = pane.capture();
        if (pattern.test(screen)) return screen;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${String(pattern)}; the pane shows:\n${screen}`);
    },
    kill() {
      try {
        tmux('kill-server');
      } catch {
        // already gone
      }
    },
  };
  return pane;
}
