#!/usr/bin/env node
/**
 * Lists the functions longer than the limit (120 lines) in electron/, shared/ and renderer/, and
 * fails when one has no reason. A function may be long when a comment containing
 * `long-function:` with the reason sits right above it (above its declaration, its `const`, its
 * property or method). Lengths are measured from the function's first line to its last, nested
 * functions included, parsed without type-checking (about a second for the whole tree).
 *
 *   node scripts/long-functions.mjs            fails on a long function without a reason
 *   node scripts/long-functions.mjs --top 5    also prints the five longest functions
 *   node scripts/long-functions.mjs --limit 100 [--report]
 *
 * `--report` lists without failing; `--root dir` measures another checkout (the test's). Uses
 * TypeScript 7's own parser through its API (node_modules/typescript), so what counts as a
 * function is exactly what the compiler sees.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { API } from 'typescript/unstable/sync';
import { SyntaxKind } from 'typescript/unstable/ast';
import * as is from 'typescript/unstable/ast/is';
import { getLeadingCommentRanges, skipTrivia } from 'typescript/unstable/ast/scanner';

export const DEFAULT_LIMIT = 120;
export const REASON_TAG = 'long-function:';
const ROOTS = ['electron/', 'shared/', 'renderer/'];

function isFunctionLike(node) {
  return (
    is.isFunctionDeclaration(node) ||
    is.isFunctionExpression(node) ||
    is.isArrowFunction(node) ||
    is.isMethodDeclaration(node) ||
    is.isConstructorDeclaration(node) ||
    is.isGetAccessorDeclaration(node) ||
    is.isSetAccessorDeclaration(node)
  );
}

/** Where a comment above it still speaks for the function: its declaration, property, method or statement. */
const HOLDERS = new Set([SyntaxKind.PropertyAssignment, SyntaxKind.PropertyDeclaration, SyntaxKind.VariableStatement]);

/** A readable name: the declaration's, or the variable, property or call the function is given to. */
function functionName(node) {
  if (is.isConstructorDeclaration(node)) return 'constructor';
  if (node.name?.text) return node.name.text;
  const parent = node.parent;
  if (parent?.name?.text) return parent.name.text;
  if (parent && is.isCallExpression(parent)) {
    const callee = parent.expression.name?.text ?? parent.expression.text ?? 'call';
    const first = parent.arguments[0];
    const label = first && first.kind === SyntaxKind.StringLiteral ? ` ${JSON.stringify(first.text)}` : '';
    return `${callee}(…)${label}`;
  }
  return '(anonymous)';
}

/**
 * The comments that speak for a function: those above it and above each node that starts it
 * (`export const x = memo(() => …)`), up to the statement, property or method that holds it.
 */
function hasReason(node, text) {
  for (let n = node; n && !is.isSourceFile(n) && !is.isBlock(n) && !is.isModuleBlock(n); n = n.parent) {
    const ranges = getLeadingCommentRanges(text, n.pos) ?? [];
    if (ranges.some((r) => text.slice(r.pos, r.end).includes(REASON_TAG))) return true;
    if (is.isStatement(n) || HOLDERS.has(n.kind) || (n !== node && isFunctionLike(n))) break;
  }
  return false;
}

/** Every function of one parsed file, with its length in lines and whether a comment gives its reason. */
function functionsOf(sf) {
  const text = sf.text;
  const found = [];
  const visit = (node) => {
    if (isFunctionLike(node) && node.body) {
      const start = sf.getLineAndCharacterOfPosition(skipTrivia(text, node.pos)).line;
      const end = sf.getLineAndCharacterOfPosition(node.end).line;
      found.push({ name: functionName(node), line: start + 1, lines: end - start + 1, reason: hasReason(node, text) });
    }
    node.forEachChild(visit);
  };
  visit(sf);
  return found;
}

/**
 * Every function in electron/, shared/ and renderer/ of the project at `root` (the files its
 * tsconfig.json includes), longest first. Parsed by TypeScript's own parser (tsgo), never type-checked.
 */
export function measureFunctions(root) {
  const api = new API({ cwd: root });
  try {
    const snapshot = api.updateSnapshot({ openProjects: [path.join(root, 'tsconfig.json')] });
    const program = snapshot.getProjects()[0].program;
    const all = [];
    for (const file of program.getSourceFileNames()) {
      const rel = path.relative(root, file).split(path.sep).join('/');
      if (!ROOTS.some((r) => rel.startsWith(r)) || rel.endsWith('.d.ts')) continue;
      for (const f of functionsOf(program.getSourceFile(file))) all.push({ ...f, file: rel });
    }
    return all.sort((a, b) => b.lines - a.lines || a.file.localeCompare(b.file));
  } finally {
    api.close();
  }
}

function main(argv) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const arg = (flag) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const limit = Number(arg('--limit') ?? DEFAULT_LIMIT);
  const top = Number(arg('--top') ?? 0);
  const all = measureFunctions(path.resolve(arg('--root') ?? root));
  const where = (f) => `${String(f.lines).padStart(4)} lines  ${f.file}:${f.line}  ${f.name}`;
  if (top > 0) {
    console.log(`The ${top} longest functions:`);
    for (const f of all.slice(0, top)) console.log(`  ${where(f)}${f.reason ? '  (reason given)' : ''}`);
  }
  const long = all.filter((f) => f.lines > limit);
  const unexplained = long.filter((f) => !f.reason);
  for (const f of long.filter((x) => x.reason)) console.log(`  ok: ${where(f)} (has a ${REASON_TAG} reason)`);
  for (const f of unexplained) console.error(`  too long: ${where(f)}`);
  if (unexplained.length > 0 && !argv.includes('--report')) {
    console.error(
      `${unexplained.length} function(s) over ${limit} lines without a reason: split them, or say why above them in a comment containing "${REASON_TAG}".`,
    );
    return 1;
  }
  console.log(`check:functions: ${all.length} functions, ${long.length} over ${limit} lines, ${unexplained.length} without a reason.`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
