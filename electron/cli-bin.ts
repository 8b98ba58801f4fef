/** Entry of the built `brimline` bin (out/cli/brimline.mjs): always runs, whatever the file is called. */
import { runCli } from './cli';
import { setScanWorkerScript } from './core/sources/local-logs/scan-workers';

// The scan worker is built beside this file (scripts/build-cli.mjs).
setScanWorkerScript({ url: new URL('./scan-worker.mjs', import.meta.url) });
runCli(process.argv.slice(2));
