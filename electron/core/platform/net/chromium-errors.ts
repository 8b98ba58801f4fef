/**
 * Chromium reports network failures as "net::ERR_…" messages (Electron's net module). http.ts
 * explains failures by Node's error codes, so the ones it knows are translated; the rest keep
 * Chromium's name, which is what a user or a search engine recognises ("ERR_PROXY_CONNECTION_FAILED").
 */

const TO_NODE: Readonly<Record<string, string>> = {
  ERR_CONNECTION_REFUSED: 'ECONNREFUSED',
  ERR_NAME_NOT_RESOLVED: 'ENOTFOUND',
  ERR_NAME_RESOLUTION_FAILED: 'EAI_AGAIN',
  ERR_INTERNET_DISCONNECTED: 'EAI_AGAIN',
  ERR_NETWORK_CHANGED: 'ECONNRESET',
  ERR_CONNECTION_RESET: 'ECONNRESET',
  ERR_CONNECTION_CLOSED: 'ECONNRESET',
  ERR_CONNECTION_ABORTED: 'ECONNRESET',
  ERR_EMPTY_RESPONSE: 'ECONNRESET',
};

/** "net::ERR_NAME_NOT_RESOLVED" → "ERR_NAME_NOT_RESOLVED"; null for anything else. */
export function chromiumErrorCode(message: string): string | null {
  const m = /\bnet::(ERR_[A-Z0-9_]+)\b/.exec(message);
  return m ? m[1]! : null;
}

export function nodeCodeForChromium(code: string): string {
  return TO_NODE[code] ?? code;
}
