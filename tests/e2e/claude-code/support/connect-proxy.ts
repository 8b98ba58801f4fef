/**
 * The HTTPS_PROXY the client sees: it accepts only `CONNECT api.anthropic.com:443`, terminates TLS
 * there with the throwaway CA's leaf and hands the clear-text stream to a loopback fake of that
 * host. Every other CONNECT and every plain proxied request is refused (403) and recorded, so a
 * test can assert the client tried nothing else.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';

export interface ConnectProxy {
  url: string;
  /** `host:port` of every CONNECT accepted. */
  readonly accepted: string[];
  /** What was refused: `CONNECT host:port` or `GET http://…`. */
  readonly refused: string[];
  close(): Promise<void>;
}

export async function startConnectProxy(opts: { allow: string; key: string; cert: string; targetPort: number }): Promise<ConnectProxy> {
  const accepted: string[] = [];
  const refused: string[] = [];
  const sockets = new Set<Socket>();
  const track = (s: Socket): void => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
  };
  const tls = createTlsServer({ key: opts.key, cert: opts.cert }, (clear: TLSSocket) => {
    track(clear);
    const upstream = connect(opts.targetPort, '127.0.0.1');
    track(upstream);
    clear.pipe(upstream).pipe(clear);
  });
  tls.on('tlsClientError', () => undefined);

  const server = createServer((req, res) => {
    refused.push(`${req.method ?? '?'} ${req.url ?? ''}`);
    res.writeHead(403, { 'content-type': 'text/plain' }).end('only CONNECT api.anthropic.com:443\n');
  });
  server.on('connection', track);
  server.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const target = req.url ?? '';
    if (target !== opts.allow) {
      refused.push(`CONNECT ${target}`);
      socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    accepted.push(target);
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) socket.unshift(head);
    tls.emit('connection', socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    accepted,
    refused,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
