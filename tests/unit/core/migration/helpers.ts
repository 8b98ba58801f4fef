import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LEGACY } from '../../../../electron/core/migration/legacy-names';

/** A home with a Linux-style config folder, and a former data folder with real content in it. */
export function legacyHome(): { home: string; config: string; from: string; to: string; env: Record<string, string> } {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'br-mig-'));
  const config = path.join(home, '.config');
  const from = path.join(config, LEGACY.folder);
  const to = path.join(config, 'Brimline');
  fs.mkdirSync(path.join(from, 'history'), { recursive: true });
  fs.mkdirSync(path.join(from, 'statusline'), { recursive: true });
  fs.mkdirSync(path.join(from, 'Chromium', 'Default'), { recursive: true });
  fs.writeFileSync(path.join(from, 'settings.json'), '{"version":1,"notifications":{"enabled":true}}\n', { mode: 0o600 });
  fs.writeFileSync(path.join(from, 'snapshots.json'), '{"version":1,"snapshots":[]}\n');
  for (let d = 1; d <= 5; d++) fs.writeFileSync(path.join(from, 'history', `samples-2026-11-0${d}.jsonl`), `day ${d}\n`.repeat(200));
  fs.writeFileSync(path.join(from, 'statusline', 'abc.json'), '{"x":1}\n');
  fs.writeFileSync(path.join(from, 'Chromium', 'Default', 'Cookies'), Buffer.from([0, 1, 2, 3, 255]));
  fs.symlinkSync('host-1234', path.join(from, 'Chromium', 'SingletonLock'));
  return { home, config, from, to, env: { HOME: home, XDG_CONFIG_HOME: config } };
}

/** Every entry under `dir` with its kind, mode and content hash: equal trees, equal listings. */
export function treeListing(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    const abs = path.join(dir, rel);
    const st = fs.lstatSync(abs);
    if (st.isSymbolicLink()) out.push(`${rel} -> ${fs.readlinkSync(abs)}`);
    else if (st.isDirectory()) {
      out.push(`${rel}/ ${(st.mode & 0o777).toString(8)}`);
      for (const n of fs.readdirSync(abs).sort()) walk(path.join(rel, n));
    } else out.push(`${rel} ${(st.mode & 0o777).toString(8)} ${createHash('sha256').update(fs.readFileSync(abs)).digest('hex')}`);
  };
  walk('');
  return out;
}

export const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: injected`), { code });
