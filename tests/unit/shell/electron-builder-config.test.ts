import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePng } from './png-decode';

// electron-builder's own YAML parser and JSON schema (its dependencies), so the check matches what it accepts.
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
type Validate = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };
const Ajv = require('ajv') as new (opts: { allErrors: boolean; strict: boolean }) => { compile(schema: unknown): Validate };

const root = path.resolve(__dirname, '../../..');

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  npmRebuild: boolean;
  asarUnpack: string[];
  electronFuses: Record<string, boolean>;
  extraResources: Array<{ from: string; to: string }>;
  mac: { target: string[]; extendInfo: Record<string, unknown>; category: string; icon: string };
  win: { target: string[]; icon: string };
  linux: { target: string[]; icon: string; category: string };
}

const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it("passes electron-builder's own configuration schema", () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as unknown;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const ok = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('builds dmg + zip, nsis, AppImage + deb', () => {
    expect(config.mac.target).toEqual(['dmg', 'zip']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
  });

  it('hides the Dock icon and sets a category on macOS', () => {
    expect(config.mac.extendInfo.LSUIElement).toBe(true);
    expect(config.mac.category).toMatch(/^public\.app-category\./);
  });

  it('locks the binary down with fuses, and rebuilds keytar for Electron', () => {
    expect(config.electronFuses).toMatchObject({
      // On for the `headroom` CLI without a system Node (README, "Claude Code status line").
      runAsNode: true,
      enableNodeOptionsEnvironmentVariable: false,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
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
    const sh = readFileSync(path.join(root, 'assets/cli/headroom'), 'utf8');
    expect(sh).toMatch(/^#!\/bin\/sh\n/);
    expect(sh).toContain('ELECTRON_RUN_AS_NODE=1 exec "$app" "$resources/cli/headroom.mjs" "$@"');
    const cmd = readFileSync(path.join(root, 'assets/cli/headroom.cmd'), 'utf8');
    expect(cmd).toContain('set ELECTRON_RUN_AS_NODE=1\r\n"%~dp0..\\..\\Headroom.exe" "%~dp0..\\cli\\headroom.mjs" %*');
    expect(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).bin).toEqual({ headroom: 'out/cli/headroom.mjs' });
  });

  it('packages the built app, including the preload the main process loads', () => {
    expect(config.files).toContain('out/**/*');
    expect(existsSync(path.join(root, 'electron.vite.config.ts'))).toBe(true);
    expect(readFileSync(path.join(root, 'electron.vite.config.ts'), 'utf8')).toContain("entryFileNames: '[name].cjs'");
  });
});
