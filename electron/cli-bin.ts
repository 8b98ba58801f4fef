/**
 * Entry of the built `brimline` bin (out/cli/brimline.mjs): always runs, whatever the file is called.
 *
 * Its only static import is the version check. On a Node older than package.json's `engines`
 * allows, it prints one line naming both versions, instead of whatever stack trace the rest of
 * the CLI (which may use newer APIs) would end in: that code is imported only after the check.
 */
import { nodeTooOld } from './core/cli/node-version';

/** package.json's `engines.node` minimum as `major.minor.patch`, put in by scripts/build-cli.mjs. */
declare const BRIMLINE_MIN_NODE: string;

const problem = nodeTooOld(process.versions, BRIMLINE_MIN_NODE);
if (problem) {
  const { nodeTooOldMessage } = await import('./core/cli/node-version-message');
  process.stderr.write(`${nodeTooOldMessage(problem, process.execPath, process.env)}\n`);
  process.exitCode = 1;
} else {
  const [{ runCli }, { setScanWorkerScript }] = await Promise.all([import('./cli'), import('./core/sources/local-logs/scan-workers')]);
  // The scan worker is built beside this file (scripts/build-cli.mjs).
  setScanWorkerScript({ url: new URL('./scan-worker.mjs', import.meta.url) });
  runCli(process.argv.slice(2));
}
