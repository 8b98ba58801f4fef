/**
 * Brimline's own User-Agent, sent to every server it asks. Brimline never presents itself as another
 * client (not as Claude Code either, even where that would unlock more: usage-limit resets are
 * answered `ineligible_reason: "surface"` to third-party clients, and Brimline shows nothing then).
 */
export const BRIMLINE_USER_AGENT = 'Brimline (+https://github.com/brimline-app/brimline)';
