/**
 * How Brimline names itself to every server it asks (the OAuth usage endpoint, the Admin API,
 * claude.ai): its own name, version and project page, never another client's. A server that treats
 * third-party clients differently (rate limits, `ineligible_reason: "surface"` for usage-limit
 * resets) does so knowingly, and the user sees what it said.
 */
import { version } from '../../../../package.json';

export const USER_AGENT = `Brimline/${version} (+https://github.com/brimline-app/brimline)`;
