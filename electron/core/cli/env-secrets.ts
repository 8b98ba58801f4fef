/**
 * The CLI's secrets: what the user exported, under the names Anthropic's own examples use. The
 * app reads the same secrets from the keychain instead.
 */
import type { SourceId } from '../../../shared/domain';
import { parseSecretName, type SecretKind } from '../../../shared/ipc';
import type { Settings } from '../../../shared/settings';
import { envValue } from '../migration/env';
import type { Env } from '../platform/paths';
import type { SecretReader } from '../sources/source';

/** One key of each kind: the command line serves one account per kind, as the app's first key. */
export const SECRET_ENV: Readonly<Record<SecretKind, string>> = {
  claudeSessionKey: 'BRIMLINE_CLAUDE_SESSION_KEY',
  adminApiKey: 'ANTHROPIC_ADMIN_KEY',
};

/** A secret's variable; a `BRIMLINE_*` one also answers to its former name. */
function secretEnv(env: Env, name: string): string | undefined {
  return name.startsWith('BRIMLINE_') ? envValue(env, name as `BRIMLINE_${string}`) : env[name];
}

export function envSecrets(env: Env): SecretReader {
  return {
    get: async (name) => {
      const parsed = parseSecretName(name);
      return parsed && parsed.slot === null ? secretEnv(env, SECRET_ENV[parsed.kind])?.trim() || null : null;
    },
  };
}

/** The source each secret is for. */
const SECRET_SOURCE: Readonly<Record<SecretKind, SourceId>> = {
  claudeSessionKey: 'claude-web',
  adminApiKey: 'admin-api',
};

/**
 * Exporting a key is asking for its source: `ANTHROPIC_ADMIN_KEY=… brimline status` reports API
 * spend even where the app's settings have the Admin API off (or no settings exist). Only for this
 * run; the settings file is not changed.
 */
export function withEnvSources(settings: Settings, env: Env): Settings {
  const sources = { ...settings.sources };
  for (const [name, envName] of Object.entries(SECRET_ENV) as [SecretKind, string][]) {
    if (secretEnv(env, envName)?.trim()) sources[SECRET_SOURCE[name]] = { ...sources[SECRET_SOURCE[name]], enabled: true };
  }
  return { ...settings, sources };
}
