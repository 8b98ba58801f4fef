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

  describe('the feature folders of electron/core', () => {
    const core = path.join(root, 'electron/core');
    const features = readdirSync(core).filter((name) => statSync(path.join(core, name)).isDirectory());
    const IMPORT = /(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

    /** For each folder, the other folders of electron/core its files import (static, dynamic and type imports). */
    function importGraph(): Map<string, Set<string>> {
      const graph = new Map(features.map((f) => [f, new Set<string>()]));
      for (const feature of features) {
        for (const file of tsFiles(path.join(core, feature))) {
          for (const [, spec] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
            const target = path.relative(core, path.resolve(path.dirname(file), spec!));
            const top = target.split(path.sep)[0]!;
            if (!target.startsWith('..') && top !== feature && features.includes(top)) graph.get(feature)!.add(top);
          }
        }
      }
      return graph;
    }

    /** The folders .oxlintrc.json forbids each folder to import, read from its layer rule. */
    function lintRules(): Map<string, string[]> {
      const config = JSON.parse(readFileSync(path.join(root, '.oxlintrc.json'), 'utf8')) as {
        overrides: { files: string[]; rules: Record<string, [string, { patterns?: { regex?: string }[] }]> }[];
      };
      const rules = new Map<string, string[]>();
      for (const o of config.overrides) {
        const folder = /^electron\/core\/([^/*]+)\/\*\*$/.exec(o.files[0] ?? '')?.[1];
        const regex = o.rules['no-restricted-imports']?.[1].patterns?.find((p) => p.regex)?.regex;
        const banned = regex ? /\(([a-z|-]+)\)\(\/\|\$\)$/.exec(regex)?.[1] : undefined;
        if (folder && banned) rules.set(folder, banned.split('|'));
      }
      return rules;
    }

    it('reads the import graph (the app service uses the usage core and the tray)', () => {
      const graph = importGraph();
      expect([...graph.get('app')!]).toEqual(expect.arrayContaining(['usage', 'tray', 'alerts', 'history', 'settings']));
    });

    it('every folder but cli has a layer rule in .oxlintrc.json, and the code keeps to it', () => {
      const rules = lintRules();
      expect(features.filter((f) => f !== 'cli' && !rules.has(f))).toEqual([]);
      const graph = importGraph();
      const broken = [...rules].flatMap(([folder, banned]) =>
        banned.filter((b) => graph.get(folder)?.has(b)).map((b) => `${folder} → ${b}`),
      );
      expect(broken).toEqual([]);
    });

    it('only app/ and cli/ compose: nothing else imports them, and platform/ imports no other folder', () => {
      const graph = importGraph();
      const composers = [...graph]
        .filter(([f, deps]) => f !== 'app' && f !== 'cli' && (deps.has('app') || deps.has('cli')))
        .map(([f]) => f);
      expect(composers).toEqual([]);
      // The one allowance: paths.ts reads the former HEADROOM_* variables through migration/env, the
      // only place that knows the old name; migration/ itself imports nothing above platform/.
      expect([...graph.get('platform')!].filter((f) => f !== 'migration')).toEqual([]);
      expect([...graph.get('migration')!].filter((f) => f !== 'platform' && f !== 'statusline')).toEqual([]);
      expect(lintRules().get('platform')).toEqual(expect.arrayContaining(features.filter((f) => f !== 'platform' && f !== 'migration')));
    });

    it('sources and the status line never import a subscriber or the app; subscribers never import sources', () => {
      const graph = importGraph();
      for (const source of ['sources', 'statusline']) {
        expect([...graph.get(source)!].filter((f) => ['tray', 'alerts', 'history', 'app'].includes(f))).toEqual([]);
      }
      for (const subscriber of ['tray', 'alerts', 'history']) expect(graph.get(subscriber)!.has('sources')).toBe(false);
    });
  });
});
