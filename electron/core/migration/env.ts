/**
 * `BRIMLINE_*` variables with their former `HEADROOM_*` twins as a fallback, so scripts and shells
 * set up for a development build keep working; the CLI says once per run which name to use now.
 */
import { LEGACY } from './legacy-names';

type Env = Readonly<Record<string, string | undefined>>;

const PREFIX = 'BRIMLINE_';

/** The variable, or its former twin when the variable is unset or blank. */
export function envValue(env: Env, name: `BRIMLINE_${string}`): string | undefined {
  const value = env[name];
  if (value !== undefined && value.trim() !== '') return value;
  return env[LEGACY.envPrefix + name.slice(PREFIX.length)] ?? value;
}

/** The former variables set in this environment, with the names to use now. */
export function legacyEnvNames(env: Env): { legacy: string; current: string }[] {
  const out: { legacy: string; current: string }[] = [];
  for (const key of Object.keys(env)) {
    if (key.startsWith(LEGACY.envPrefix) && env[key] !== undefined)
      out.push({ legacy: key, current: PREFIX + key.slice(LEGACY.envPrefix.length) });
  }
  return out.sort((a, b) => a.legacy.localeCompare(b.legacy));
}

/** One stderr line for the CLI, or null when no former variable is set. */
export function legacyEnvNotice(env: Env): string | null {
  const names = legacyEnvNames(env);
  if (names.length === 0) return null;
  const list = names.map((n) => `${n.legacy} → ${n.current}`).join(', ');
  return `brimline: deprecated environment variable${names.length > 1 ? 's' : ''} (still read for now), rename: ${list}`;
}
