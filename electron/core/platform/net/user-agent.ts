/**
 * Brimline's own User-Agent, sent to every server it asks (the OAuth usage endpoint, the Admin
 * API, claude.ai from the CLI): its name, version and project page. Brimline never presents itself
 * as another client (not as Claude Code either, even where that would unlock more: usage-limit
 * resets are answered `ineligible_reason: "surface"` to third-party clients, and Brimline then shows
 * nothing). The app's hidden claude.ai window sends Electron's user agent, which names Brimline too.
 */
import { version } from '../../../../package.json';

export const BRIMLINE_USER_AGENT = `Brimline/${version} (+https://github.com/brimline-app/brimline)`;
