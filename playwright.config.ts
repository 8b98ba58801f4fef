/**
 * Two projects: `renderer` runs the built renderer (fake bridge) in Debian's Chromium; `electron`
 * launches the app itself and needs no browser. The web server builds the renderer first, so
 * `npm test` works from a fresh clone.
 */
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env['BRIMLINE_E2E_PORT'] ?? 4179);

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: process.env['CI'] ? 'line' : 'list',
  webServer: {
    command: `npx vite build --config renderer/vite.config.ts --mode e2e --logLevel warn && npx vite preview --config renderer/vite.config.ts --mode e2e --port ${PORT} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}/index.html`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
  projects: [
    {
      name: 'renderer',
      testDir: 'tests/e2e/renderer',
      use: {
        baseURL: `http://127.0.0.1:${PORT}/`,
        browserName: 'chromium',
        viewport: { width: 360, height: 520 },
        locale: 'en-GB',
        timezoneId: 'Europe/Paris',
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
    {
      name: 'electron',
      testDir: 'tests/e2e/electron',
    },
  ],
});
