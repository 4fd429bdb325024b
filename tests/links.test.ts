/**
 * Every internal link, anchor and resource of the built site resolves, at the root of a domain and
 * under a base path (a GitHub Pages project site): those of the pages, and the site's own addresses
 * that its calendars (.ics) give.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { build, copyProject, removeProject } from './helpers/astro-project.ts';

interface Reference {
  /** The page's address, and its file in dist/ (404.html is served at any address). */
  page: string;
  file: string;
  url: string;
}

function filesEndingIn(dist: string, extension: string): string[] {
  return readdirSync(dist, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(extension))
    .map((e) => relative(dist, join(e.parentPath, e.name)));
}

/** Internal references (href, src, action) of every page, with the page's own path. */
function references(dist: string, base: string): Reference[] {
  return filesEndingIn(dist, '.html').flatMap((file) => {
    const page = `${base}${file.replace(/(^|\/)index\.html$/, '$1').replace(/\.html$/, '/')}`;
    const html = readFileSync(join(dist, file), 'utf8');
    return [...html.matchAll(/\s(?:href|src|action)="([^"]*)"/g)]
      .map((m) => (m[1] ?? '').replace(/&amp;/g, '&'))
      .filter((url) => !/^[a-z]+:/i.test(url))
      .map((url) => ({ page, file, url }));
  });
}

/**
 * The addresses on the site's own origin (the sitemap's) that calendars give, lines unfolded: the page
 * each calendar is about, its own address, and each event's record page.
 */
function calendarReferences(dist: string, base: string): Reference[] {
  const origin = new URL(/<loc>([^<]+)<\/loc>/.exec(readFileSync(join(dist, 'sitemap-0.xml'), 'utf8'))?.[1] ?? '').origin;
  return filesEndingIn(dist, '.ics').flatMap((file) => {
    const text = readFileSync(join(dist, file), 'utf8').replace(/\r\n[ \t]/g, '');
    return [...text.matchAll(/https?:\/\/[^\s\\,;]+/g)]
      .map((m) => m[0])
      .filter((url) => url.startsWith(`${origin}/`))
      .map((url) => ({ page: `${base}${file}`, file, url: url.slice(origin.length) }));
  });
}

function idsOf(dist: string, file: string): Set<string> {
  return new Set([...readFileSync(join(dist, file), 'utf8').matchAll(/\sid="([^"]*)"/g)].map((m) => m[1] ?? ''));
}

/** References of pages and calendars that do not resolve to a file of dist/ (and, with a fragment, to an element id there). */
function broken(dist: string, base: string): string[] {
  const problems: string[] = [];
  for (const { page, file: source, url } of [...references(dist, base), ...calendarReferences(dist, base)]) {
    const [pathPart = '', fragment] = url.split('#');
    if (pathPart === '') {
      if (fragment && !idsOf(dist, source).has(fragment)) problems.push(`${page} → ${url}: no id "${fragment}"`);
      continue;
    }
    const target = new URL(pathPart, `https://site.invalid${page}`).pathname;
    if (!target.startsWith(base)) {
      problems.push(`${page} → ${url}: outside the base path ${base}`);
      continue;
    }
    const local = decodeURIComponent(target.slice(base.length));
    const file = local === '' || local.endsWith('/') ? `${local}index.html` : local;
    if (!existsSync(join(dist, file))) {
      problems.push(`${page} → ${url}: no ${file}`);
      continue;
    }
    if (fragment && file.endsWith('.html') && !idsOf(dist, file).has(fragment)) problems.push(`${page} → ${url}: no id "${fragment}"`);
  }
  return problems;
}

describe('links of the built site', () => {
  it('all resolve at the root of a domain', () => {
    const dist = inject('siteDist');
    expect(references(dist, '/').length).toBeGreaterThan(100);
    expect(calendarReferences(dist, '/').length).toBeGreaterThan(50);
    expect(broken(dist, '/')).toEqual([]);
  });

  describe('under a base path', () => {
    let root: string;
    beforeAll(() => {
      root = copyProject();
      const result = build(root, { BASE_PATH: '/certidocs/', SITE_URL: 'https://exemple.github.io' });
      if (result.status !== 0) throw new Error(result.output);
    }, 180_000);
    afterAll(() => removeProject(root));

    it('all stay under /certidocs/ and resolve', () => {
      expect(calendarReferences(join(root, 'dist'), '/certidocs/').length).toBeGreaterThan(50);
      expect(broken(join(root, 'dist'), '/certidocs/')).toEqual([]);
    });

    it('give canonical URLs, the sitemap and the search script the base path', () => {
      const dist = join(root, 'dist');
      expect(readFileSync(join(dist, 'rome/k1704/index.html'), 'utf8')).toContain(
        '<link rel="canonical" href="https://exemple.github.io/certidocs/rome/k1704/">',
      );
      expect(readFileSync(join(dist, 'sitemap-0.xml'), 'utf8')).toContain(
        '<loc>https://exemple.github.io/certidocs/certifications/rncp39853/</loc>',
      );
      expect(readFileSync(join(dist, 'robots.txt'), 'utf8')).toContain('Sitemap: https://exemple.github.io/certidocs/sitemap-index.xml');
      expect(readFileSync(join(dist, 'recherche/index.html'), 'utf8')).toContain('src="/certidocs/search.js" data-base="/certidocs/"');
    });
  });
});
