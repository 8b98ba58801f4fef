/**
 * The oldest Node the `brimline` bin runs on, checked before anything else loads (electron/cli-bin.ts).
 * Pure: the versions and the minimum are passed in, so tests can give any `process.versions`.
 */

export interface NodeTooOld {
  /** The minimum, as `major.minor.patch` (from package.json's `engines`, put in by scripts/build-cli.mjs). */
  needed: string;
  /** `process.versions.node` as found. */
  found: string;
}

function parts(version: string): [number, number, number] | null {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/**
 * Why this Node cannot run the CLI, or null when it can. A version string that cannot be read
 * (a runtime that fakes `process.versions`) is let through: the CLI then fails on its own merits.
 */
export function nodeTooOld(versions: { readonly node?: string | undefined }, needed: string): NodeTooOld | null {
  const found = versions.node ?? '';
  const have = parts(found);
  const want = parts(needed);
  if (have === null || want === null) return null;
  for (let i = 0; i < 3; i++) {
    if (have[i]! !== want[i]!) return have[i]! < want[i]! ? { needed: want.join('.'), found } : null;
  }
  return null;
}
