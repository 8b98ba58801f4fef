/**
 * The process the SIGKILL test kills: it writes every persisted file through its real store, in a
 * loop, and prints `<name> <n>` after each write has returned (the point the app would consider it
 * saved). Arguments: the data directory and the first version number.
 */
import { PERSISTED_FILES } from './persisted-files';

async function main(): Promise<void> {
  const [dir, startArg] = process.argv.slice(2);
  if (!dir || !startArg) throw new Error('usage: writer-child <dir> <start>');
  const writers = await Promise.all(PERSISTED_FILES.map(async (e) => ({ name: e.name, w: await e.open(dir) })));
  process.stdout.write('ready\n');
  for (let n = Number(startArg); ; n++) {
    for (const { name, w } of writers) {
      await w.write(n);
      process.stdout.write(`${name}\t${n}\n`);
    }
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`writer-child: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
