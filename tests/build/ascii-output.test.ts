import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { keepSourceAscii } from '../../scripts/ascii-output.mjs';

// What esbuild leaves unescaped (comments, regular expressions), and the escapes it would write.
const BUNDLED = [
  '// the request’s URL',
  'export const end = /[.!?…]+["”’)]*$/u;',
  'export const trim = /[–—-]+$/;',
  'export const text = "caf\u00e9 🎉";',
  'export const emoji = /^🎉$/u;',
].join('\n');

function written(source: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'waymark-ascii-')), 'bundle.mjs');
  writeFileSync(path, source);
  keepSourceAscii(path);
  return path;
}

describe('keepSourceAscii', () => {
  it('GIVEN a bundle with non-ASCII characters THEN it is all ASCII and means the same', async () => {
    const path = written(BUNDLED);
    const escaped = readFileSync(path, 'utf8');
    expect(escaped).not.toMatch(/[\u0080-\uffff]/);
    const module = await import(pathToFileURL(path).href);
    expect(module.end.test('Done…”')).toBe(true);
    expect(module.end.source).toBe('[.!?\\u2026]+["\\u201d\\u2019)]*$');
    expect('wait —'.replace(module.trim, '')).toBe('wait ');
    expect(module.text).toBe('café 🎉');
    expect(module.emoji.test('🎉')).toBe(true);
  });

  it('GIVEN an ASCII bundle THEN the file is left as it was', () => {
    const source = 'export const plain = "a \\u2019 b"; // ASCII already\n';
    expect(readFileSync(written(source), 'utf8')).toBe(source);
  });

  it('GIVEN a non-ASCII character after a backslash, or a line separator THEN it refuses rather than change the program', () => {
    for (const source of ['export const accent = /\\é/;\n', 'export const x = 1; // a\u2028b\n']) {
      const path = join(mkdtempSync(join(tmpdir(), 'waymark-ascii-')), 'bundle.mjs');
      writeFileSync(path, source);
      expect(() => keepSourceAscii(path)).toThrow(/without changing what it means/);
      expect(readFileSync(path, 'utf8')).toBe(source);
    }
  });
});
