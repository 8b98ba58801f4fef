/**
 * `npm run check:functions` (scripts/long-functions.mjs) on a small project of its own: a function
 * over the limit fails the check unless a `long-function:` comment above it says why.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const script = path.resolve(__dirname, '../../scripts/long-functions.mjs');

/** A function whose body has `bodyLines` statements, so it spans bodyLines + 2 lines. */
function fn(header: string, bodyLines: number, close = '}'): string {
  return [header, ...Array.from({ length: bodyLines }, (_, i) => `  const v${i} = ${i};`), close].join('\n');
}

function run(root: string, ...args: string[]): { code: number; out: string } {
  try {
    const out = execFileSync(process.execPath, [script, '--root', root, ...args], { encoding: 'utf8', stdio: 'pipe' });
    return { code: 0, out };
  } catch (err) {
    const e = err as { status: number; stdout: string; stderr: string };
    return { code: e.status, out: e.stdout + e.stderr };
  }
}

describe('check:functions', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'brimline-long-functions-'));
    mkdirSync(path.join(root, 'electron'));
    mkdirSync(path.join(root, 'tests'));
    writeFileSync(
      path.join(root, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, noEmit: true }, include: ['electron', 'tests'] }),
    );
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('fails on a function over 120 lines without a reason, naming it with its file, line and length', () => {
    writeFileSync(
      path.join(root, 'electron/a.ts'),
      `${fn('export function short(): void {', 10)}\n\n${fn('export function tooLong(): void {', 121)}\n`,
    );
    const { code, out } = run(root);
    expect(code).toBe(1);
    expect(out).toContain('123 lines  electron/a.ts:14  tooLong');
    expect(out).not.toContain('short');
  });

  it('passes a long function with a long-function: reason above its declaration or its const, and one of exactly 120 lines', () => {
    writeFileSync(
      path.join(root, 'electron/b.ts'),
      [
        '// long-function: a table parser tuned for speed, one pass.',
        fn('export function parse(): void {', 130),
        '/** long-function: the fixture reads top to bottom. */',
        fn('export const fixture = (): void => {', 130, '};'),
        fn('export function limit(): void {', 118),
      ].join('\n'),
    );
    const { code, out } = run(root);
    expect(code).toBe(0);
    expect(out).toContain('2 over 120 lines, 0 without a reason');
  });

  it('measures arrow functions and methods too, and leaves tests out', () => {
    writeFileSync(path.join(root, 'electron/c.ts'), `export class C {\n${fn('  method(): void {', 125, '  }')}\n}\n`);
    writeFileSync(path.join(root, 'tests/c.test.ts'), fn('export function inATest(): void {', 200));
    const { code, out } = run(root, '--top', '1');
    expect(code).toBe(1);
    expect(out).toContain('127 lines  electron/c.ts:2  method');
    expect(out).not.toContain('inATest');
  });
});
