/**
 * Pathological files give a clear error or a correct result, never a crash or a hang: a 10 MB file,
 * a 10,000-item list, deep nesting, a byte-order mark, CRLF line ends. (Alias bombs and invalid
 * UTF-8 have their fixtures in tests/fixtures/invalid/.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateContent } from '../src/core/validation/validate-content.ts';
import { FIXTURES, makeTree, removeTrees } from './helpers/content-tree.ts';

afterAll(removeTrees);

const ROME = 'content/rome/a1001.yaml';
const CERT = 'content/certifications/rncp10001.yaml';
const base = (file: string) => readFileSync(join(FIXTURES, 'base', file), 'utf8');
const errorsOf = (files: Record<string, string>) =>
  validateContent({ root: makeTree({ files }) }).diagnostics.filter((d) => d.severity === 'error');

describe('pathological files', () => {
  it('refuses a 10 MB file before parsing it', () => {
    const huge = `${base(ROME)}notes_editoriales:\n${'  - Une note beaucoup trop longue pour une fiche réelle.\n'.repeat(200_000)}`;
    expect(huge.length).toBeGreaterThan(10_000_000);
    expect(errorsOf({ [ROME]: huge }).map((d) => [d.file, d.line, d.column, d.rule])).toEqual([[ROME, 1, 1, 'file-size']]);
  });

  it('validates a 10,000-item list and locates an error at its end', () => {
    const items = Array.from({ length: 10_000 }, (_, i) => `  - Note ${i + 1}`);
    items[9_999] = '  - 42';
    const text = `${base(ROME)}notes_editoriales:\n${items.join('\n')}\n`;
    const errors = errorsOf({ [ROME]: text });
    const line = text.split('\n').indexOf('  - 42') + 1;
    expect(errors.map((d) => [d.line, d.column, d.rule, d.pointer])).toEqual([[line, 5, 'schema/type', '/notes_editoriales/9999']]);
  });

  it.each([
    ['flow collections', `${base(ROME)}notes_editoriales: ${'['.repeat(5_000)}${']'.repeat(5_000)}\n`],
    ['block lists', `${base(ROME)}notes_editoriales:\n${Array.from({ length: 700 }, (_, i) => `${'  '.repeat(i + 1)}- `).join('\n')}x\n`],
  ])('reports deep nesting of %s as an error with a position', (_, text) => {
    const errors = errorsOf({ [ROME]: text });
    expect(errors.length).toBeGreaterThan(0);
    for (const d of errors) {
      expect(d.file).toBe(ROME);
      expect(d.line).toBeGreaterThanOrEqual(12);
      expect(d.message).not.toMatch(/Maximum call stack|undefined/);
    }
  });

  it('reads a file with a byte-order mark like the same file without it', () => {
    expect(errorsOf({ [CERT]: `\uFEFF${base(CERT)}` })).toEqual([]);
  });

  it('reads CRLF line ends and reports errors at the same lines as with LF', () => {
    const broken = base(CERT).replace('    taux_insertion_6_mois: 90', '    taux_insertion_6_mois: 190');
    const lf = errorsOf({ [CERT]: broken }).map((d) => [d.line, d.column, d.rule]);
    const crlf = errorsOf({ [CERT]: broken.replace(/\n/g, '\r\n') }).map((d) => [d.line, d.column, d.rule]);
    expect(lf).toEqual([[40, 28, 'schema/maximum']]);
    expect(crlf).toEqual(lf);
  });
});
