import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...tsFiles(p));
    else if (/\.(ts|tsx|mts|cts)$/.test(name)) out.push(p);
  }
  return out;
}

const ELECTRON_IMPORT =
  /(?:from\s+['"]electron(?:\/[^'"]*)?['"]|require\(\s*['"]electron(?:\/[^'"]*)?['"]\s*\)|import\(\s*['"]electron(?:\/[^'"]*)?['"]\s*\))/;

describe('layering', () => {
  it('shared/, electron/core/, renderer/ and the CLI never import electron', () => {
    const files = [
      ...tsFiles(path.join(root, 'shared')),
      ...tsFiles(path.join(root, 'electron/core')),
      ...tsFiles(path.join(root, 'renderer')),
      path.join(root, 'electron/cli.ts'),
    ].filter((f) => {
      try {
        return statSync(f).isFile();
      } catch {
        return false;
      }
    });
    expect(files.length).toBeGreaterThan(5);
    const offenders = files.filter((f) => ELECTRON_IMPORT.test(readFileSync(f, 'utf8'))).map((f) => path.relative(root, f));
    expect(offenders).toEqual([]);
  });

  it('the detector recognises every form of electron import', () => {
    for (const src of [
      "import { app } from 'electron';",
      'const e = require("electron")',
      "await import('electron')",
      "import x from 'electron/main'",
    ]) {
      expect(ELECTRON_IMPORT.test(src)).toBe(true);
    }
    expect(ELECTRON_IMPORT.test("import x from 'electron-vite'")).toBe(false);
  });

  it('shared/ imports nothing from node or from the electron/ tree', () => {
    const offenders = tsFiles(path.join(root, 'shared')).filter((f) => {
      const src = readFileSync(f, 'utf8');
      return /from\s+['"](node:|\.\.\/electron)/.test(src);
    });
    expect(offenders).toEqual([]);
  });
});
