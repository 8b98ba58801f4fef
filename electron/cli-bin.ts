/** Entry of the built `headroom` bin (out/cli/headroom.mjs): always runs, whatever the file is called. */
import { runCli } from './cli';

runCli(process.argv.slice(2));
