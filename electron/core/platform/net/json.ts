/** A response body as JSON, or undefined when it is not JSON: the caller says which bad response it was. */
export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
