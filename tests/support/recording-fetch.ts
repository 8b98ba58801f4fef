/**
 * A fetch that records every request the app makes (URL, host, body bytes the client actually
 * read) and passes it to the real fetch. Tests use it to count requests over simulated time, to
 * prove no request leaves the allowlist, and to prove oversized bodies are not read whole.
 */
export interface RecordedFetch {
  url: string;
  host: string;
  pathname: string;
  /** Body bytes the caller pulled from the stream before it finished or cancelled. */
  bytesRead: number;
  /** Header values sent, for secret searches (names lower-cased). */
  headers: Record<string, string>;
}

export interface RecordingFetch {
  fetch: typeof fetch;
  readonly calls: RecordedFetch[];
}

export function recordingFetch(inner: typeof fetch = fetch): RecordingFetch {
  const calls: RecordedFetch[] = [];
  const wrapped = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
    const call: RecordedFetch = { url: url.href, host: url.host, pathname: url.pathname, bytesRead: 0, headers };
    calls.push(call);
    const res = await inner(input, init);
    if (!res.body || [101, 204, 205, 304].includes(res.status)) return res;
    const counted = res.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          call.bytesRead += chunk.byteLength;
          controller.enqueue(chunk);
        },
      }),
    );
    return new Response(counted, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
  return { fetch: wrapped as typeof fetch, calls };
}
