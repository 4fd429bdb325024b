/** What machines read from the built site: robots.txt, the sitemap, JSON-LD, Open Graph and canonical links. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { sitemapPaths, sitemapUrls } from './helpers/built-site.ts';

const dist = inject('siteDist');
const read = (path: string) => readFileSync(join(dist, path), 'utf8');
const page = (path: string) => read(`${path}index.html`);

/** The JSON-LD objects of a page. */
function jsonLd(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map(
    (m) => JSON.parse(m[1] ?? '') as Record<string, unknown>,
  );
}

const meta = (html: string, property: string) => new RegExp(`<meta property="${property}" content="([^"]*)"`).exec(html)?.[1];

describe('site metadata', () => {
  it("robots.txt allows crawling and gives the sitemap's absolute address", () => {
    const origin = new URL(sitemapUrls(dist)[0] ?? '').origin;
    expect(read('robots.txt')).toBe(`User-agent: *\nAllow: /\n\nSitemap: ${origin}/sitemap-index.xml\n`);
  });

  it('the sitemap lists every record page and leaves out the search page', () => {
    const paths = sitemapPaths(dist);
    expect(paths).toEqual(
      expect.arrayContaining(['/', '/certifications/rncp39853/', '/rome/k1704/', '/rome/k1404/', '/rome/k1405/', '/a-propos/']),
    );
    expect(paths).not.toContain('/recherche/');
  });

  it.each([
    ['/certifications/rncp39853/', 'EducationalOccupationalCredential', 'Expert en relations et coopérations internationales'],
    ['/rome/k1704/', 'Occupation', 'Management de la sécurité publique'],
    ['/rome/k1405/', 'Occupation', "Représentation de l'Etat sur le territoire national ou international"],
  ])('%s describes itself as a schema.org %s', (path, type, name) => {
    const html = page(path);
    const [data] = jsonLd(html);
    expect(data?.['@type']).toBe(type);
    expect(data?.name).toBe(name);
    const canonical = /<link rel="canonical" href="([^"]*)"/.exec(html)?.[1];
    expect(new URL(canonical ?? '').pathname).toBe(path);
    expect(meta(html, 'og:url')).toBe(canonical);
    expect(meta(html, 'og:type')).toBe('article');
    expect(meta(html, 'og:locale')).toBe('fr_FR');
  });

  it('escapes "<" inside JSON-LD so that no text can close the script element', () => {
    for (const path of ['/certifications/rncp39853/', '/rome/k1704/']) {
      for (const [, body] of page(path).matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g))
        expect(body).not.toContain('<');
    }
  });
});
