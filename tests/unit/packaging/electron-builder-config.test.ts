import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePng } from '../core/tray/png-decode';

// electron-builder's own YAML parser and JSON schema (its dependencies), so the check matches what it accepts.
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
type Validate = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };
const Ajv = require('ajv') as new (opts: { allErrors: boolean; strict: boolean }) => { compile(schema: unknown): Validate };

const root = path.resolve(__dirname, '../../..');

interface Target {
  target: string;
  arch?: string[];
}

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  npmRebuild: boolean;
  asarUnpack: string[];
  publish: { provider: string }[];
  electronFuses: Record<string, boolean>;
  extraResources: Array<{ from: string; to: string }>;
  mac: {
    target: Target[];
    extendInfo: Record<string, unknown>;
    category: string;
    icon: string;
    identity: string;
    hardenedRuntime: boolean;
    entitlements?: string;
  };
  win: { target: Target[]; icon: string };
  linux: { target: string[]; icon: string; category: string; syncDesktopName: boolean };
  deb: { depends: string[] };
}

interface PackageJson {
  name: string;
  productName: string;
  desktopName: string;
  homepage?: string;
  author?: { name?: string; email?: string };
  repository?: { url: string };
  dependencies: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies: Record<string, string>;
}

const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as PackageJson;
const targetNames = (targets: Target[]): string[] => targets.map((t) => t.target);

/** Bare package names imported (at run time, not `import type`) by the .ts/.tsx files under `dir`. */
function runtimeImports(dir: string): Set<string> {
  const found = new Set<string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
    const text = readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
    for (const m of text.matchAll(
      /^\s*import\s+(?!type\s)(?:[^'"]*?\sfrom\s+)?['"]([^'"./][^'"]*)['"]|\bimport\(\s*['"]([^'"./][^'"]*)['"]\s*\)/gm,
    )) {
      const spec = (m[1] ?? m[2])!;
      if (spec.startsWith('node:')) continue;
      found.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  }
  return found;
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own configuration schema", () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as unknown;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const ok = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('builds dmg + zip for Apple silicon and Intel, nsis, AppImage + deb', () => {
    expect(targetNames(config.mac.target)).toEqual(['dmg', 'zip']);
    // Separate arm64 and x64 builds: electron-updater's MacUpdater picks the zip of the running arch.
    for (const t of config.mac.target) expect(t.arch).toEqual(expect.arrayContaining(['arm64', 'x64']));
    expect(targetNames(config.win.target)).toEqual(['nsis']);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
  });

  it("keeps electron-builder's default deb dependencies (a custom list replaces them) and adds libsecret for keytar", () => {
    const FpmTarget = (
      require('app-builder-lib/out/targets/FpmTarget.js') as { default: { prototype: { getDefaultDepends(t: string): string[] } } }
    ).default;
    const defaults = FpmTarget.prototype.getDefaultDepends.call(null, 'deb');
    expect(defaults).toContain('libgtk-3-0');
    expect(config.deb.depends).toEqual(expect.arrayContaining([...defaults, 'libsecret-1-0', 'libgbm1']));
    expect(new Set(config.deb.depends).size).toBe(config.deb.depends.length);
  });

  it('signs macOS builds ad hoc by default, with entitlements that let an ad hoc, hardened app load Electron', () => {
    expect(config.mac.identity).toBe('-');
    expect(config.electronFuses.resetAdHocDarwinSignature).toBe(true);
    expect(config.mac.hardenedRuntime).toBe(true);
    // No custom entitlements: electron-builder uses assets/entitlements.mac.plist when present, else its template.
    const own = path.join(root, 'assets', 'entitlements.mac.plist');
    const entitlements =
      config.mac.entitlements ?? (existsSync(own) ? own : require.resolve('app-builder-lib/templates/entitlements.mac.plist'));
    expect(readFileSync(entitlements, 'utf8')).toMatch(/<key>com\.apple\.security\.cs\.disable-library-validation<\/key>\s*<true\/>/);
  });

  it('publishes to the GitHub repository named in package.json, which electron-updater reads back', async () => {
    expect(config.publish.map((p) => p.provider)).toEqual(['github']);
    const { getRepositoryInfo } = require('app-builder-lib/out/util/repositoryInfo.js') as {
      getRepositoryInfo(dir: string, metadata: unknown): Promise<{ type: string; user: string; project: string } | null>;
    };
    const info = await getRepositoryInfo(root, pkg);
    expect(info?.type).toBe('github');
    expect(info?.user).toMatch(/^[\w.-]+$/);
    expect(info?.project).toBe('brimline');
  });

  it('has the package metadata a deb needs, and one app identity for the .desktop file and WM_CLASS', () => {
    // FpmTarget refuses to build without a homepage and an author e-mail.
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.author?.email).toMatch(/@/);
    expect(pkg.productName).toBe(config.productName);
    // The executable (and the deb's package) is package.json's name; the desktop file and StartupWMClass follow desktopName.
    expect(config.linux.syncDesktopName).toBe(true);
    expect(pkg.desktopName).toBe(`${pkg.name}.desktop`);
  });

  it('ships no renderer package in app.asar, and every package the main process imports', () => {
    const shipped = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.optionalDependencies ?? {})]);
    const rendererOnly = [...runtimeImports(path.join(root, 'renderer'))].filter(
      (p) => !runtimeImports(path.join(root, 'electron')).has(p),
    );
    expect(rendererOnly).toEqual(expect.arrayContaining(['react', 'react-dom', 'zustand']));
    for (const p of rendererOnly) expect(shipped.has(p), `${p} is bundled into the renderer; it must be a devDependency`).toBe(false);
    // electron-vite bundles devDependencies into the main process and leaves `dependencies` external.
    const bundledIntoMain = ['zod'];
    for (const p of runtimeImports(path.join(root, 'electron'))) {
      if (p === 'electron') continue;
      if (bundledIntoMain.includes(p)) expect(pkg.devDependencies, `${p} is bundled into main`).toHaveProperty(p);
      else expect(shipped.has(p), `${p} is loaded by the main process; it must be a dependency`).toBe(true);
    }
  });

  it('ships the CLI once, builds the AppImage with the static runtime, and pins Electron exactly', () => {
    // out/cli goes to resources/cli through extraResources; app.asar must not carry a second copy.
    expect(config.files).toContain('!out/cli/**');
    expect(config.extraResources).toEqual(expect.arrayContaining([{ from: 'out/cli', to: 'cli' }]));
    const toolset = (config as unknown as { toolsets?: { appimage?: string } }).toolsets?.appimage ?? '0.0.0';
    expect(Number(toolset.split('.')[0]), 'the legacy AppImage runtime needs libfuse.so.2').toBeGreaterThanOrEqual(1);
    expect(pkg.devDependencies.electron).toMatch(/^\d+\.\d+\.\d+$/);
    expect(require('electron/package.json').version).toBe(pkg.devDependencies.electron);
    expect(config.deb.depends).toContain('libasound2 | libasound2t64');
    // No cookie is kept on disk, and on macOS the key's Keychain item would prompt again after an ad hoc update.
    expect(config.electronFuses.enableCookieEncryption).toBe(false);
  });

  it('hides the Dock icon and sets a category on macOS', () => {
    expect(config.mac.extendInfo.LSUIElement).toBe(true);
    expect(config.mac.category).toMatch(/^public\.app-category\./);
  });

  it('locks the binary down with fuses, and rebuilds keytar for Electron', () => {
    expect(config.electronFuses).toMatchObject({
      // On for the `brimline` CLI without a system Node (docs/guide/statusline.md, "Without a system Node").
      runAsNode: true,
      enableNodeOptionsEnvironmentVariable: false,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
    // keytar may be absent (npm skips an optional dependency whose build fails); the app then keeps secrets in memory.
    expect(pkg.optionalDependencies).toHaveProperty('keytar');
  });

  it('points at icons that exist at the sizes each platform wants', () => {
    const icon = decodePng(readFileSync(path.join(root, config.mac.icon)));
    expect([icon.width, icon.height]).toEqual([1024, 1024]);
    const ico = readFileSync(path.join(root, config.win.icon));
    expect(ico.readUInt16LE(2)).toBe(1);
    const icoSizes = Array.from({ length: ico.readUInt16LE(4) }, (_, k) => ico[6 + 16 * k] || 256);
    expect(icoSizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      const png = decodePng(readFileSync(path.join(root, config.linux.icon, `${size}x${size}.png`)));
      expect(png.width).toBe(size);
    }
    for (const [file, size] of [
      ['trayTemplate.png', 16],
      ['trayTemplate@2x.png', 32],
    ] as const) {
      const t = decodePng(readFileSync(path.join(root, 'assets', file)));
      expect(t.width).toBe(size);
      // A template image is black plus transparency only, so macOS can tint it.
      for (let i = 0; i < t.data.length; i += 4) expect([t.data[i], t.data[i + 1], t.data[i + 2]]).toEqual([0, 0, 0]);
      let opaque = 0;
      for (let i = 3; i < t.data.length; i += 4) if (t.data[i]! > 200) opaque++;
      expect(opaque).toBeGreaterThan(size);
    }
  });

  it('ships the CLI bundle and the launchers that run the app binary as Node', () => {
    expect(config.extraResources).toEqual(
      expect.arrayContaining([
        { from: 'out/cli', to: 'cli' },
        { from: 'assets/cli', to: 'bin' },
      ]),
    );
    const sh = readFileSync(path.join(root, 'assets/cli/brimline'), 'utf8');
    expect(sh).toMatch(/^#!\/bin\/sh\n/);
    expect(sh).toContain('ELECTRON_RUN_AS_NODE=1 exec "$app" "$resources/cli/brimline.mjs" "$@"');
    const cmd = readFileSync(path.join(root, 'assets/cli/brimline.cmd'), 'utf8');
    expect(cmd).toContain('set ELECTRON_RUN_AS_NODE=1\r\n"%~dp0..\\..\\Brimline.exe" "%~dp0..\\cli\\brimline.mjs" %*');
    expect(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).bin).toEqual({ brimline: 'out/cli/brimline.mjs' });
  });

  it('packages the built app, including the preload the main process loads', () => {
    expect(config.files).toContain('out/**/*');
    expect(existsSync(path.join(root, 'electron.vite.config.ts'))).toBe(true);
    expect(readFileSync(path.join(root, 'electron.vite.config.ts'), 'utf8')).toContain("entryFileNames: '[name].cjs'");
  });
});
