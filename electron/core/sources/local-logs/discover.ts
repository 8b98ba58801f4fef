/**
 * Finds Claude Code transcripts: `<configDir>/projects/<project>/<session>.jsonl` and subagent
 * transcripts `<project>/<session>/subagents/*.jsonl` (any `.jsonl` up to a few levels down, as
 * ccusage globs `projects/**`). Symlinked folders are not followed (no loops); the same file
 * reached through two config dirs is listed once.
 */
import { readdirSync, statSync, type Dirent, type Stats } from 'node:fs';
import * as path from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';

export interface Transcript {
  file: string;
  /** The folder under `projects/` (Claude Code's encoding of the working directory). */
  project: string;
  /** The file name without `.jsonl`: the session id when a line lacks one. */
  sessionId: string;
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
}

export interface Discovery {
  /** `projects/` folders that exist. Empty means Claude Code has never run here. */
  projectDirs: string[];
  transcripts: Transcript[];
}

const MAX_DEPTH = 4;
/**
 * The walk uses synchronous stat and readdir: a few microseconds each, where a promise round trip
 * through the thread pool costs tens, and a re-scan is mostly this walk. It yields to the event
 * loop every this many calls so that a huge tree never blocks the app for long.
 */
const CALLS_PER_YIELD = 256;

export async function discoverTranscripts(configDirs: readonly string[]): Promise<Discovery> {
  const projectDirs: string[] = [];
  const transcripts: Transcript[] = [];
  const seen = new Set<string>();
  let calls = 0;
  const pace = async (): Promise<void> => {
    if (++calls % CALLS_PER_YIELD === 0) await yieldToLoop();
  };
  const walk = async (dir: string, project: string | null, depth: number): Promise<void> => {
    let entries: Dirent[];
    await pace();
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // vanished or unreadable: nothing to count
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (depth < MAX_DEPTH) await walk(p, project ?? e.name, depth + 1);
      } else if (e.isFile() && project !== null && e.name.endsWith('.jsonl')) {
        await pace();
        const s = statOrNull(p);
        if (!s?.isFile()) continue;
        const id = `${s.dev}:${s.ino}`;
        if (seen.has(id)) continue;
        seen.add(id);
        transcripts.push({
          file: p,
          project,
          sessionId: path.basename(p, '.jsonl'),
          dev: s.dev,
          ino: s.ino,
          size: s.size,
          mtimeMs: s.mtimeMs,
        });
      }
    }
  };
  for (const dir of configDirs) {
    const projects = path.join(dir, 'projects');
    if (!statOrNull(projects)?.isDirectory()) continue;
    projectDirs.push(projects);
    await walk(projects, null, 0);
  }
  transcripts.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { projectDirs, transcripts };
}

/** Gone or unreadable (deleted mid-walk, permissions) both mean: nothing to count here. */
function statOrNull(p: string): Stats | null {
  try {
    return statSync(p, { throwIfNoEntry: false }) ?? null;
  } catch {
    return null;
  }
}
