/**
 * Polling through Chromium's network stack, so the OS proxy settings (PAC, WPAD, system proxy) and
 * the OS certificate store apply, as a `typeof fetch` for electron/core/platform/net/http.ts.
 *
 * Built on `net.request` rather than `net.fetch`: with `redirect: 'manual'`, Electron's net.fetch
 * rejects with "Redirect was cancelled" and drops the status and Location, while http.ts needs the
 * 3xx response itself (it refuses redirects and reports where they pointed). Chromium's errors
 * ("net::ERR_NAME_NOT_RESOLVED") are mapped to the Node error codes http.ts already explains.
 */
import { net, type ClientRequest, type ClientRequestConstructorOptions, type IncomingMessage } from 'electron';
import { Readable } from 'node:stream';
import { chromiumErrorCode, nodeCodeForChromium } from '../core/platform/net/chromium-errors';

export type NetRequest = (options: ClientRequestConstructorOptions) => ClientRequest;

function headerRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((v, k) => (out[k] = v));
  return out;
}

/** A TypeError with a coded cause, the shape Node's fetch uses and http.ts reads. */
export function networkError(message: string): TypeError {
  const chromium = chromiumErrorCode(message);
  const cause = chromium ? Object.assign(new Error(message), { code: nodeCodeForChromium(chromium) }) : new Error(message);
  return new TypeError('fetch failed', { cause });
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/**
 * The response body as a web stream, with backpressure. Not Readable.toWeb: in Node 20 it throws
 * "Controller is already closed" when the reader cancels while data is still flowing.
 */
function webStream(readable: Readable, onCancel: () => void): ReadableStream<Uint8Array> {
  let closed = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      readable.on('data', (chunk: Buffer | string) => {
        if (closed) return;
        controller.enqueue(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : new Uint8Array(chunk));
        if ((controller.desiredSize ?? 1) <= 0) readable.pause();
      });
      readable.once('end', () => {
        if (closed) return;
        closed = true;
        controller.close();
      });
      readable.once('error', (err: Error) => {
        if (closed) return;
        closed = true;
        controller.error(networkError(err.message));
      });
      // Destroyed without an error (an abort): the reader must not wait forever.
      readable.once('close', () => {
        if (closed) return;
        closed = true;
        controller.error(networkError('net::ERR_ABORTED'));
      });
    },
    pull() {
      readable.resume();
    },
    cancel() {
      closed = true;
      onCancel();
      readable.destroy();
    },
  });
}

export function createNetFetch(request: NetRequest = (o) => net.request(o)): typeof fetch {
  const netFetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    let req: Request;
    try {
      req = new Request(input, init);
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new TypeError(String(err)));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return Promise.reject(new TypeError(`net fetch supports GET and HEAD only, got ${req.method}`));
    }
    const signal = req.signal;
    if (signal.aborted) return Promise.reject(abortReason(signal));
    return new Promise<Response>((resolve, reject) => {
      let settled = false;
      let body: Readable | null = null;
      const cr = request({
        method: req.method,
        url: req.url,
        redirect: req.redirect === 'follow' ? 'follow' : 'manual',
        // Usage answers carry account data: keep them out of Chromium's disk cache and cookie jar.
        cache: 'no-store',
        credentials: 'omit',
        useSessionCookies: false,
        headers: headerRecord(req.headers),
      });
      const onAbort = (): void => {
        const reason = abortReason(signal);
        cr.abort();
        body?.destroy(reason instanceof Error ? reason : undefined);
        finish(() => reject(reason));
      };
      const finish = (f: () => void): void => {
        if (settled) return;
        settled = true;
        f();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      cr.on('redirect', (status: number, _method: string, newUrl: string) => {
        // Not followed: answer with the 3xx itself, as fetch does with redirect: 'manual' in Node.
        cr.abort();
        signal.removeEventListener('abort', onAbort);
        finish(() => resolve(new Response(null, { status, headers: { location: newUrl } })));
      });
      cr.on('response', (message: IncomingMessage) => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(message.headers)) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
        const nullBody = [101, 204, 205, 304].includes(message.statusCode) || req.method === 'HEAD';
        const readable = message as unknown as Readable;
        body = readable;
        readable.once('end', () => signal.removeEventListener('abort', onAbort));
        const stream = nullBody
          ? null
          : webStream(readable, () => {
              // The reader gave up early (http.ts's size cap): stop the download, release the connection.
              signal.removeEventListener('abort', onAbort);
              cr.abort();
            });
        finish(() => resolve(new Response(stream, { status: message.statusCode, statusText: message.statusMessage, headers })));
      });
      cr.on('error', (err: Error) => {
        signal.removeEventListener('abort', onAbort);
        finish(() => reject(networkError(err.message)));
      });
      cr.end();
    });
  };
  return netFetch as typeof fetch;
}
