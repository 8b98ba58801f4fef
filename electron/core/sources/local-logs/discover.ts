/**
 * Finds Claude Code transcripts: `<configDir>/projects/<project>/<session>.jsonl` and subagent
 * transcripts `<project>/<session>/subagents/*.jsonl` (any `.jsonl` up to a few levels down, as
 * ccusage globs `projects/**`). Symlinked folders are not followed (no loops); the same file
 * reached through two config dirs is listed once.
 */
import { promises as fsp, type Dirent } from 'node:fs';
import * as path from 'node:path';

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

export async function discoverTranscripts(configDirs: readonly string[]): Promise<Discovery> {
  const projectDirs: string[] = [];
  const transcripts: Transcript[] = [];
  const seen = new Set<string>();
  for (const dir of configDirs) {
    const projects = path.join(dir, 'projects');
    const st = await fsp.stat(projects).catch(() => null);
    if (!st?.isDirectory()) continue;
    projectDirs.push(projects);
    await walk(projects, null, 0, async (file, project) => {
      const s = await fsp.stat(file).catch(() => null);
      if (!s?.isFile()) return;
      const id = `${s.dev}:${s.ino}`;
      if (seen.has(id)) return;
      seen.add(id);
      transcripts.push({ file, project, sessionId: path.basename(file, '.jsonl'), dev: s.dev, ino: s.ino, size: s.size, mtimeMs: s.mtimeMs });
    });
  }
  transcripts.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { projectDirs, transcripts };
}

async function walk(dir: string, project: string | null, depth: number, onFile: (file: string, project: string) => Promise<void>): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await fsp.readdir(dir, { withFileTypes: true });
  } catch {
    return; // vanished or unreadable: nothing to count
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (depth < MAX_DEPTH) await walk(p, project ?? e.name, depth + 1, onFile);
    } else if (e.isFile() && project !== null && e.name.endsWith('.jsonl')) {
      await onFile(p, project);
    }
  }
}
