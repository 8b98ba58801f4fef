/**
 * The README and docs/ stay whole: every picture they show exists, and every relative link between
 * pages reaches a file, and the heading its #anchor names. External links are not followed (no
 * network in tests).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');

interface Ref {
  target: string;
  image: boolean;
}

/** Markdown and HTML links outside fenced code blocks and inline code. */
export function references(markdown: string): Ref[] {
  const prose = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
  const refs: Ref[] = [];
  for (const m of prose.matchAll(/(!?)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g))
    refs.push({ target: m[2]!, image: m[1] === '!' });
  for (const m of prose.matchAll(/<img\b[^>]*\bsrc="([^"]+)"/g)) refs.push({ target: m[1]!, image: true });
  for (const m of prose.matchAll(/<a\b[^>]*\bhref="([^"]+)"/g)) refs.push({ target: m[1]!, image: false });
  return refs;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function anchors(markdown: string): Set<string> {
  const out = new Set<string>();
  const seen = new Map<string, number>();
  const prose = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  for (const m of prose.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = m[1]!
      .replace(/<[^>]+>/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** Every problem in one file's links, as "file: what is wrong". */
export function problemsIn(file: string, base: string): string[] {
  const text = readFileSync(file, 'utf8');
  const rel = path.relative(base, file);
  const problems: string[] = [];
  for (const { target, image } of references(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
    const [pathPart = '', anchor] = target.split('#', 2) as [string, string | undefined];
    const dest = pathPart === '' ? file : path.resolve(path.dirname(file), decodeURIComponent(pathPart));
    if (!existsSync(dest)) {
      problems.push(`${rel}: ${image ? 'picture' : 'link'} ${target} points at a missing file`);
      continue;
    }
    if (anchor && dest.endsWith('.md') && !anchors(readFileSync(dest, 'utf8')).has(anchor)) {
      problems.push(`${rel}: link ${target} names a heading that ${path.relative(base, dest)} does not have`);
    }
  }
  return problems;
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return markdownFiles(full);
    return name.endsWith('.md') ? [full] : [];
  });
}

const DOC_FILES = [path.join(root, 'README.md'), path.join(root, 'CONTRIBUTING.md'), ...markdownFiles(path.join(root, 'docs'))];

describe('the README and docs/', () => {
  it('show only pictures that exist and link only to pages and headings that exist', () => {
    expect(DOC_FILES.flatMap((f) => problemsIn(f, root))).toEqual([]);
  });

  it('reach every docs page from both README.md and docs/README.md', () => {
    const linked = (from: string): Set<string> =>
      new Set(
        references(readFileSync(from, 'utf8'))
          .filter((r) => !/^[a-z]+:/i.test(r.target))
          .map((r) => path.resolve(path.dirname(from), r.target.split('#')[0]!)),
      );
    const pages = markdownFiles(path.join(root, 'docs')).filter((f) => f !== path.join(root, 'docs', 'README.md'));
    for (const index of ['README.md', 'docs/README.md']) {
      const missing = pages.filter((p) => !linked(path.join(root, index)).has(p)).map((p) => path.relative(root, p));
      expect(missing, `pages ${index} does not link to`).toEqual([]);
    }
  });

  it('show the screenshots npm run screenshots makes, and those files are small', () => {
    const readme = references(readFileSync(path.join(root, 'README.md'), 'utf8')).filter((r) => r.image);
    expect(readme.map((r) => r.target)).toEqual(expect.arrayContaining(['docs/images/popover-light.png', 'docs/images/tray.png']));
    for (const name of readdirSync(path.join(root, 'docs', 'images'))) {
      expect(statSync(path.join(root, 'docs', 'images', name)).size, name).toBeLessThan(100 * 1024);
    }
  });
});

describe('the link checker', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'brimline-doc-links-'));
  mkdirSync(path.join(dir, 'guide'));
  writeFileSync(path.join(dir, 'guide', 'page.md'), '# A page\n\n## The plan (`claude-oauth`)\n\n## Repeated\n\n## Repeated\n');

  const check = (markdown: string): string[] => {
    writeFileSync(path.join(dir, 'index.md'), markdown);
    return problemsIn(path.join(dir, 'index.md'), dir);
  };

  it('reports a missing picture, in Markdown or in HTML', () => {
    expect(check('![shot](images/missing.png)')).toEqual(['index.md: picture images/missing.png points at a missing file']);
    expect(check('<img src="images/gone.png" alt="x">')).toEqual(['index.md: picture images/gone.png points at a missing file']);
  });

  it('reports a link to a missing page or heading, and accepts real ones', () => {
    expect(check('[a](guide/nope.md)')).toEqual(['index.md: link guide/nope.md points at a missing file']);
    expect(check('[a](guide/page.md#no-such-heading)')).toEqual([
      'index.md: link guide/page.md#no-such-heading names a heading that guide/page.md does not have',
    ]);
    expect(check('[a](guide/page.md#the-plan-claude-oauth) [b](guide/page.md#repeated-1) [c](https://example.com/x.md)')).toEqual([]);
  });

  it('ignores links inside code', () => {
    expect(check('```md\n![x](missing.png)\n```\n`[y](missing.md)`')).toEqual([]);
  });
});
