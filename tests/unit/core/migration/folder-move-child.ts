/**
 * One "first start" in its own process, for the concurrency test: the copy path (rename refused,
 * each file copied slowly), so two starts at once really overlap. Prints the result as JSON.
 */
import * as fs from 'node:fs';
import { pendingFolderMove } from '../../../../electron/core/migration/data-folder';
import { moveDataFolder } from '../../../../electron/core/migration/folder-move';

const slow = { ...fs } as typeof fs;
slow.renameSync = (a: fs.PathLike, b: fs.PathLike): void => {
  if (String(a).endsWith('Headroom')) throw Object.assign(new Error('EXDEV: injected'), { code: 'EXDEV' });
  fs.renameSync(a, b);
};
slow.copyFileSync = (a: fs.PathLike, b: fs.PathLike, mode?: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 15);
  fs.copyFileSync(a, b, mode);
};
// Both children start at the same moment, whatever their start-up times.
const goAt = Number(process.env.GO_AT ?? 0);
if (goAt > Date.now()) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, goAt - Date.now());
const plan = pendingFolderMove(process.env, 'linux', process.env.HOME);
process.stdout.write(JSON.stringify(plan ? moveDataFolder(plan, { fs: slow }) : { kind: 'no-plan' }));
