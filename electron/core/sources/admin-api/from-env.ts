/**
 * The admin-api source as the command line builds it: the key from ANTHROPIC_ADMIN_KEY (the
 * variable Anthropic's own examples use) and the base URL from HEADROOM_ANTHROPIC_API_URL.
 */
import { apiBase, type Env } from '../../paths';
import type { UsageSource } from '../source';
import { createAdminApiSource, type AdminApiOptions } from './source';

export const ADMIN_KEY_ENV = 'ANTHROPIC_ADMIN_KEY';

export function adminKeyFromEnv(env: Env): () => Promise<string | null> {
  return async () => env[ADMIN_KEY_ENV]?.trim() || null;
}

export function createAdminApiSourceFromEnv(env: Env, over: Partial<AdminApiOptions> = {}): UsageSource {
  return createAdminApiSource({ baseUrl: apiBase(env), getSecret: adminKeyFromEnv(env), ...over });
}
