/**
 * Every secret Brimline can hold, with a marked value and where it is set. Secrets the user saves
 * come from SECRET_NAMES, so a new one joins the leak search without an edit here; a new kind of
 * secret read from elsewhere (another CLI's login file) joins by adding one entry.
 */
import { randomBytes } from 'node:crypto';
import { SECRET_NAMES, type SecretName } from '../../shared/ipc';

export type SecretOrigin =
  /** Read from Claude Code's credentials file (`claudeAiOauth.<field>`). */
  | { kind: 'claude-code-credentials'; field: 'accessToken' | 'refreshToken' }
  /** Saved by the user through IPC into the SecretStore (OS keychain). */
  | { kind: 'secret-store'; name: SecretName };

export interface MarkedSecret {
  label: string;
  origin: SecretOrigin;
  value: string;
  /** A distinctive part of the value: finding it means part of the secret leaked. */
  needle: string;
}

function mark(label: string, origin: SecretOrigin, shape: (core: string) => string): MarkedSecret {
  const core = `HRMARK${randomBytes(8).toString('hex')}`;
  return { label, origin, value: shape(core), needle: core };
}

/**
 * Fresh marks per run. Half look like real Anthropic secrets (so the log's pattern redaction is in
 * play), half do not (so only never-writing-it and run-time registration can keep them out).
 */
export function markedSecrets(): MarkedSecret[] {
  return [
    mark('Claude Code access token', { kind: 'claude-code-credentials', field: 'accessToken' }, (c) => `sk-ant-oat01-${c}-access`),
    mark('Claude Code refresh token', { kind: 'claude-code-credentials', field: 'refreshToken' }, (c) => `refresh-${c}-token`),
    ...SECRET_NAMES.map((name, i) =>
      mark(`saved secret ${name}`, { kind: 'secret-store', name }, (c) =>
        i % 2 === 0 ? `saved-${c}-${name}` : `sk-ant-admin01-${c}-${name}`,
      ),
    ),
  ];
}

/** How many times `needle` occurs in `haystack`. */
export function occurrences(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) n++;
  return n;
}
