/**
 * The one line `brimline` prints on a Node older than it supports. Loaded only then, by the bin's
 * entry, and made of catalogue data and plain string code, so it runs on the old Node too.
 */
import { resolveLanguage, translate } from '../../../shared/i18n/translate';
import { envLocales } from './env-locales';
import type { NodeTooOld } from './node-version';

export function nodeTooOldMessage(problem: NodeTooOld, execPath: string, env: Record<string, string | undefined>): string {
  const { language, locale } = resolveLanguage('system', envLocales(env));
  return translate(language, locale, 'cli.nodeTooOld', { needed: problem.needed, found: problem.found, path: execPath });
}
