/**
 * A certificate authority made for one run (openssl), and a leaf for api.anthropic.com signed by
 * it: the CONNECT proxy terminates TLS with the leaf, and the client trusts the CA only through
 * NODE_EXTRA_CA_CERTS / SSL_CERT_FILE in its own environment. Nothing is installed system-wide.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export interface ThrowawayCa {
  /** PEM file of the CA certificate, for NODE_EXTRA_CA_CERTS. */
  caFile: string;
  key: string;
  cert: string;
}

export function makeThrowawayCa(dir: string, host: string): ThrowawayCa {
  const f = (name: string): string => path.join(dir, name);
  const ssl = (...args: string[]): void => {
    execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  };
  ssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=Brimline e2e throwaway CA',
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.pem'),
  );
  ssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${host}`, '-keyout', f('leaf.key'), '-out', f('leaf.csr'));
  writeFileSync(f('leaf.ext'), `subjectAltName=DNS:${host}\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n`);
  ssl(
    'x509',
    '-req',
    '-in',
    f('leaf.csr'),
    '-CA',
    f('ca.pem'),
    '-CAkey',
    f('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    f('leaf.ext'),
    '-out',
    f('leaf.pem'),
  );
  return { caFile: f('ca.pem'), key: readFileSync(f('leaf.key'), 'utf8'), cert: readFileSync(f('leaf.pem'), 'utf8') };
}
