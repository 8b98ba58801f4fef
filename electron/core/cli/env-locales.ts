/** The system's locales as the environment names them (LC_ALL, LC_MESSAGES, LANG). */
export function envLocales(env: Record<string, string | undefined>): string[] {
  const raw = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  const tag = raw.split('.')[0]!.replace('_', '-');
  if (tag === '' || tag === 'C' || tag === 'POSIX') return [];
  try {
    return Intl.getCanonicalLocales(tag);
  } catch {
    return [];
  }
}
