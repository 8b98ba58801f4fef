/**
 * The rules of the hidden window that reaches claude.ai (electron/adapters/claude-web-fetch.ts),
 * kept here so they run in plain Node. That window is not one of the app's own pages: it must follow
 * claude.ai's own redirects and Cloudflare's check (which ends by navigating back to the API URL,
 * often with a `__cf_chl_tk` query), yet never leave claude.ai and never hand a URL to the user's
 * browser, which the app's window hardening would do for any allowed https host.
 */

/** How long the hidden window stays after its last request; a poll's few requests share one. */
export const HIDDEN_WINDOW_IDLE_MS = 30_000;

/** How long a Cloudflare check may take to pass on its own before the page is read as it is. */
export const CHALLENGE_WAIT_MS = 10_000;

/** Same origin as the claude.ai base (or its loopback override): follow it; anything else: block. */
export function hiddenWindowMayNavigate(target: string, origin: string): boolean {
  try {
    return new URL(target).origin === origin;
  } catch {
    return false;
  }
}

/**
 * Answers are matched on origin and path: a challenge adds a query to the URL it returns to, and
 * the answer that counts is the page finally shown for that API path.
 */
export function pageKey(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url;
  }
}

/** Cloudflare marks its interstitial with `cf-mitigated: challenge`. */
export function isChallenge(headers: Headers): boolean {
  return headers.get('cf-mitigated')?.toLowerCase() === 'challenge';
}
