/**
 * The CLI's secrets: what the user exported, under the names Anthropic's own examples use. The
 * app reads the same secrets from the keychain instead.
 */
import type { SecretName } from '../../../shared/ipc';
import type { Env } from '../paths';
import type { SecretReader } from '../sources/source';

export const SECRET_ENV: Readonly<Record<SecretName, string>> = {
  claudeSessionKey: 'HEADROOM_CLAUDE_SESSION_KEY',
  adminApiKey: 'ANTHROPIC_ADMIN_KEY',
};

export function envSecrets(env: Env): SecretReader {
  return { get: async (name) => env[SECRET_ENV[name]]?.trim() || null };
}
