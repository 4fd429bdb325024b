/** Every built page is valid HTML for html-validate's recommended rules. */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { describe, expect, inject, it } from 'vitest';

const dist = inject('siteDist');
const pages = readdirSync(dist, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.html'))
  .map((e) => relative(dist, join(e.parentPath, e.name)))
  .sort();

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // Record names are long and are what readers search for: titles keep them whole.
    'long-title': 'off',
  },
});

describe('HTML validity', () => {
  it('checks every page of the site', () => {
    expect(pages).toEqual(
      expect.arrayContaining([
        'index.html',
        '404.html',
        'donnees/index.html',
        'certifications/rncp39853/index.html',
        'rome/k1704/index.html',
      ]),
    );
  });

  it.each(pages)('%s has no error', async (page) => {
    const report = await validator.validateFile(join(dist, page));
    const problems = report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.message} [${m.ruleId}]`));
    expect(problems).toEqual([]);
  });
});
