#!/usr/bin/env node
/**
 * Builds the production renderer (as electron-vite would, without the fake bridge) into a
 * temporary directory and prints the popover's JavaScript size, raw and gzipped. Exits 1 when
 * the gzipped size is over the 120 KB budget or when dev-only code leaked into the bundle.
 *
 *   node scripts/bench-renderer.mjs [--json]
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const BUDGET_BYTES = 120 * 1024;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = mkdtempSync(path.join(tmpdir(), 'brimline-renderer-bench-'));

try {
  const started = performance.now();
  await build({
    configFile: path.join(root, 'renderer/vite.config.ts'),
    mode: 'production',
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true },
  });
  const buildMs = performance.now() - started;

  const assets = path.join(outDir, 'assets');
  const files = readdirSync(assets).filter((f) => f.endsWith('.js') || f.endsWith('.css'));
  let jsRaw = 0;
  let jsGzip = 0;
  let cssGzip = 0;
  const leaks = [];
  for (const file of files) {
    const body = readFileSync(path.join(assets, file));
    const gz = gzipSync(body, { level: 9 }).length;
    if (file.endsWith('.js')) {
      jsRaw += body.length;
      jsGzip += gz;
      const text = body.toString('utf8');
      // Markers of the fake bridge and its fixtures; none may reach the app.
      for (const marker of ['brimline.fake.v1', '__brimlineFake', 'ada@example.com'])
        if (text.includes(marker)) leaks.push(`${file}: ${marker}`);
    } else cssGzip += gz;
  }

  const report = {
    files: files.length,
    jsRawKB: +(jsRaw / 1024).toFixed(1),
    jsGzipKB: +(jsGzip / 1024).toFixed(1),
    cssGzipKB: +(cssGzip / 1024).toFixed(1),
    budgetKB: BUDGET_BYTES / 1024,
    fakeBridgeBundled: leaks.length > 0,
    buildMs: Math.round(buildMs),
  };
  // What the app last shipped, when electron-vite has built it: its config decides minification.
  const shipped = path.join(root, 'out/renderer/assets');
  if (existsSync(shipped)) {
    const js = readdirSync(shipped).filter((f) => f.endsWith('.js'));
    report.electronViteJsGzipKB = +(
      js.reduce((n, f) => n + gzipSync(readFileSync(path.join(shipped, f)), { level: 9 }).length, 0) / 1024
    ).toFixed(1);
  }
  if (process.argv.includes('--json')) console.log(JSON.stringify(report));
  else {
    console.log(
      `renderer: popover JS ${report.jsGzipKB} KB gzipped (${report.jsRawKB} KB raw, budget ${report.budgetKB} KB), CSS ${report.cssGzipKB} KB gzipped, ${report.files} files, built in ${report.buildMs} ms`,
    );
    console.log(`renderer: fake bridge in production bundle: ${report.fakeBridgeBundled ? `YES (${leaks.join('; ')})` : 'no'}`);
    if (report.electronViteJsGzipKB !== undefined)
      console.log(`renderer: out/renderer (last electron-vite build) JS ${report.electronViteJsGzipKB} KB gzipped`);
  }
  if (jsGzip > BUDGET_BYTES || leaks.length > 0) process.exitCode = 1;
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
