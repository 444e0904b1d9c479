/**
 * The documentation is whole in a clone: every relative link in the repository's Markdown resolves to a file
 * or folder of the repository (and a `#anchor` to a heading of the file it names), and nothing points
 * outside it (an absolute path, `..` past the root, or the old `shared/` folder next to the project).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = resolve(import.meta.dirname, '..');
// Not the project's documents: installed packages, generated output, local data, the CAMARA originals' notes.
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'data', 'test-output', 'coverage']);

function markdownFiles(folder = ROOT): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return SKIPPED_FOLDERS.has(entry.name) ? [] : markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

/** Markdown outside fenced code blocks and inline code, where `[text](target)` is a link. */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

function linkTargets(markdown: string): string[] {
  const text = prose(markdown);
  const inline = [...text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
  const references = [...text.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm)].map(
    (m) => m[1]!,
  );
  return [...inline, ...references];
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  const withoutCode = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  for (const [, heading] of withoutCode.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = heading!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

const EXTERNAL = /^(https?:|mailto:)/i;

/** What is wrong with the links of `markdown`, read as the file `file`. */
function problemsIn(file: string, markdown: string): string[] {
  const problems: string[] = [];
  if (/(^|[^\w/])(\.\.\/)+shared\/|\bshared\/(spec|reference)\//.test(markdown))
    problems.push('mentions the shared/ folder outside the repository');
  for (const target of linkTargets(markdown)) {
    if (EXTERNAL.test(target)) continue;
    const [pathPart = '', anchor] = target.split('#', 2);
    const path = decodeURIComponent(pathPart);
    const resolved = path ? resolve(dirname(file), path) : file;
    if (path.startsWith('/') || /^[a-z]+:/i.test(path)) problems.push(`${target}: not a relative link`);
    else if (resolved !== ROOT && !resolved.startsWith(ROOT + sep))
      problems.push(`${target}: outside the repository`);
    else if (resolved !== file && !existsSync(resolved)) problems.push(`${target}: no such file`);
    else if (anchor && resolved.endsWith('.md') && (resolved === file || statSync(resolved).isFile())) {
      const headings = anchorsOf(resolved === file ? markdown : readFileSync(resolved, 'utf8'));
      if (!headings.has(anchor)) problems.push(`${target}: no heading #${anchor}`);
    }
  }
  return problems.map((problem) => `${relative(ROOT, file)}: ${problem}`);
}

describe('links in the documentation', () => {
  const files = markdownFiles();

  it('covers the documents a newcomer reads', () => {
    const names = files.map((file) => relative(ROOT, file));
    for (const expected of ['README.md', 'ARCHITECTURE.md', 'docs/product.md', 'docs/api.md'])
      assert.ok(names.includes(expected), `${expected} is checked`);
  });

  it('every relative link resolves inside the repository, anchors to headings', () => {
    assert.deepEqual(
      files.flatMap((file) => problemsIn(file, readFileSync(file, 'utf8'))),
      [],
    );
  });

  it('catches links outside the repository, missing files and anchors, and ignores code', () => {
    const problems = problemsIn(
      join(ROOT, 'docs', 'example.md'),
      [
        '# Example heading',
        '[ok](../README.md) [ok](api.md#conventions) [ok](#example-heading) [ok](https://example.org)',
        '[b](../../shared/spec/api.md) [c](/etc/hosts) [d](missing.md) [e](api.md#nowhere)',
        '`[in code](ignored.md)`',
        '```',
        '[in a block](ignored.md)',
        '```',
      ].join('\n'),
    );
    assert.deepEqual(problems, [
      'docs/example.md: mentions the shared/ folder outside the repository',
      'docs/example.md: ../../shared/spec/api.md: outside the repository',
      'docs/example.md: /etc/hosts: not a relative link',
      'docs/example.md: missing.md: no such file',
      'docs/example.md: api.md#nowhere: no heading #nowhere',
    ]);
  });
});
