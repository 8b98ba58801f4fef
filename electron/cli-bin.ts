/** Entry of the built `brimline` bin (out/cli/brimline.mjs): always runs, whatever the file is called. */
import { runCli } from './cli';

runCli(process.argv.slice(2));
