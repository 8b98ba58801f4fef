#!/usr/bin/env node
// Builds the `brimline` bin: electron/cli-bin.ts → out/cli/brimline.mjs (ESM, Node 20), one chunk
// per command loaded by `import()`, so `brimline statusline` (run after every Claude Code response)
// loads only its own small chunk and never the app core or zod. Plain JS deps are bundled in, so
// the packaged app can run it from its resources with no node_modules; keytar (native) stays
// external and the CLI reports the keychain as unavailable where it cannot load.
import { build } from 'esbuild';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// --outdir <dir>: tests build a private copy instead of racing over out/cli.
const outArg = process.argv.indexOf('--outdir');
const outdir = outArg > 0 && process.argv[outArg + 1] ? path.resolve(process.argv[outArg + 1]) : path.join(root, 'out', 'cli');
rmSync(outdir, { recursive: true, force: true });

const result = await build({
  absWorkingDir: root,
  // The local-logs scan worker is an entry of its own: worker_threads loads it by path (cli-bin.ts says where).
  entryPoints: { brimline: 'electron/cli-bin.ts', 'scan-worker': 'electron/core/sources/local-logs/scan-worker.ts' },
  outdir,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['keytar', 'electron'],
  minify: true,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});

const entry = path.join(outdir, 'brimline.mjs');
writeFileSync(entry, '#!/usr/bin/env node\n' + readFileSync(entry, 'utf8'));
chmodSync(entry, 0o755);

if (process.argv.includes('--sizes')) {
  for (const [file, o] of Object.entries(result.metafile.outputs))
    console.log(`${(o.bytes / 1024).toFixed(1).padStart(8)} KB  ${path.relative(root, file)}`);
}
