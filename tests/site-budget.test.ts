/**
 * Budgets and rules on the built files (no browser): the certification page stays light, no page
 * but the search page loads a script, nothing is fetched from another origin, and every page has
 * its language, title, canonical link and description.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { filesUnder, pathOfHtmlFile, SEARCH_PATH, sitemapPaths, sitemapUrls } from './helpers/built-site.ts';

const dist = inject('siteDist');
const files = filesUnder(dist);
const htmlFiles = files.filter((file) => file.endsWith('.html'));
const cssFiles = files.filter((file) => file.endsWith('.css'));
const siteOrigin = new URL(sitemapUrls(dist)[0] ?? 'https://invalid.invalid/').origin;

/** Certification page HTML plus every stylesheet it links, uncompressed. */
const CERTIFICATION_BUDGET = 60_000;
const CERTIFICATION_PAGE = 'certifications/rncp39853/index.html';

const read = (file: string): string => readFileSync(join(dist, file), 'utf8');

interface Tag {
  name: string;
  attributes: Record<string, string>;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&quot;': '"', '&#39;': "'", '&#x27;': "'", '&lt;': '<', '&gt;': '>' };
const decode = (value: string): string => value.replace(/&(amp|quot|#39|#x27|lt|gt);/g, (entity) => ENTITIES[entity] ?? entity);

/** The start tags of an HTML document with their attributes (comments and raw text of script/style skipped). */
function tags(html: string): Tag[] {
  const text = html.replace(/<!--[\s\S]*?-->/g, '').replace(/<(script|style)\b([^>]*)>[\s\S]*?<\/\1\s*>/gi, '<$1$2>');
  const found: Tag[] = [];
  for (const match of text.matchAll(/<([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g)) {
    const attributes: Record<string, string> = {};
    for (const attribute of (match[2] ?? '').matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
      attributes[(attribute[1] ?? '').toLowerCase()] = decode(attribute[2] ?? attribute[3] ?? attribute[4] ?? '');
    }
    found.push({ name: (match[1] ?? '').toLowerCase(), attributes });
  }
  return found;
}

const rels = (tag: Tag): string[] => (tag.attributes['rel'] ?? '').toLowerCase().split(/\s+/).filter(Boolean);
const srcset = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? '')
    .filter(Boolean);

/** url(…) and @import targets of a stylesheet. */
function cssReferences(css: string): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const found: string[] = [];
  for (const match of text.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/gi)) found.push(match[1] ?? match[2] ?? match[3] ?? '');
  for (const match of text.matchAll(/@import\s+(?:"([^"]*)"|'([^']*)')/gi)) found.push(match[1] ?? match[2] ?? '');
  return found;
}

/** <link rel> values that make the browser fetch or connect (as opposed to canonical, alternate…). */
const FETCHING_RELS = new Set([
  'stylesheet',
  'preload',
  'modulepreload',
  'prefetch',
  'prerender',
  'preconnect',
  'dns-prefetch',
  'icon',
  'apple-touch-icon',
  'apple-touch-icon-precomposed',
  'mask-icon',
  'manifest',
]);

/** Every resource an HTML document makes the browser fetch: links, media, scripts, frames, inline CSS. */
function htmlResources(html: string): string[] {
  const found: string[] = [];
  for (const tag of tags(html)) {
    const a = tag.attributes;
    if (tag.name === 'link' && rels(tag).some((rel) => FETCHING_RELS.has(rel))) found.push(a['href'] ?? '', ...srcset(a['imagesrcset']));
    if (['img', 'script', 'iframe', 'source', 'video', 'audio', 'track', 'embed', 'input'].includes(tag.name) && a['src'])
      found.push(a['src']);
    if (['img', 'source'].includes(tag.name)) found.push(...srcset(a['srcset']));
    if (tag.name === 'video' && a['poster']) found.push(a['poster']);
    if (tag.name === 'object' && a['data']) found.push(a['data']);
    if (['image', 'use', 'feimage'].includes(tag.name)) found.push(a['href'] ?? a['xlink:href'] ?? '');
    if (a['style']) found.push(...cssReferences(a['style']));
  }
  for (const match of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi)) found.push(...cssReferences(match[1] ?? ''));
  return found.filter((ref) => ref.trim() !== '');
}

/** A reference that leaves the site: an absolute or protocol-relative URL to another origin, or an odd scheme. */
function isElsewhere(reference: string): boolean {
  const ref = reference.trim();
  if (/^(data|blob):/i.test(ref)) return false;
  if (!/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(ref)) return false; // relative to the page
  try {
    return new URL(ref, siteOrigin).origin !== siteOrigin;
  } catch {
    return true;
  }
}

describe('the built site', () => {
  test('has the pages of its sitemap as files', () => {
    expect(htmlFiles).toContain(CERTIFICATION_PAGE);
    for (const path of sitemapPaths(dist)) expect(htmlFiles, path).toContain(`${path.slice(1)}index.html`);
  });

  test(`certification page: HTML + linked CSS ≤ ${CERTIFICATION_BUDGET / 1000} KB uncompressed`, () => {
    const html = read(CERTIFICATION_PAGE);
    const sizes: Record<string, number> = { [CERTIFICATION_PAGE]: Buffer.byteLength(html) };
    const pending = tags(html)
      .filter((tag) => tag.name === 'link' && rels(tag).includes('stylesheet'))
      .map((tag) => new URL(tag.attributes['href'] ?? '', `${siteOrigin}/certifications/rncp39853/`));
    // Local stylesheets, and the ones they @import.
    while (pending.length > 0) {
      const url = pending.shift() as URL;
      if (url.origin !== siteOrigin) throw new Error(`the certification page links a stylesheet from another origin: ${url.href}`);
      const file = decodeURIComponent(url.pathname.slice(1));
      if (file in sizes) continue;
      if (!existsSync(join(dist, file))) throw new Error(`the certification page links a missing stylesheet: ${url.pathname}`);
      const css = read(file);
      sizes[file] = Buffer.byteLength(css);
      for (const match of css.matchAll(/@import\s+(?:url\(\s*)?["']?([^"')\s;]+)/gi)) pending.push(new URL(match[1] ?? '', url));
    }
    const total = Object.values(sizes).reduce((sum, size) => sum + size, 0);
    expect(total, `bytes: ${JSON.stringify(sizes)}`).toBeLessThanOrEqual(CERTIFICATION_BUDGET);
  });

  test('no page but the search page has a <script src>', () => {
    const offenders = htmlFiles
      .filter((file) => pathOfHtmlFile(file) !== SEARCH_PATH)
      .flatMap((file) =>
        tags(read(file))
          .filter((tag) => tag.name === 'script' && 'src' in tag.attributes)
          .map((tag) => `${file}: <script src="${tag.attributes['src']}">`),
      );
    expect(offenders).toEqual([]);
  });

  test('no HTML or CSS file makes the browser fetch anything from another origin', () => {
    const offenders = [
      ...htmlFiles.flatMap((file) =>
        htmlResources(read(file))
          .filter(isElsewhere)
          .map((ref) => `${file}: ${ref}`),
      ),
      ...cssFiles.flatMap((file) =>
        cssReferences(read(file))
          .filter(isElsewhere)
          .map((ref) => `${file}: ${ref}`),
      ),
    ];
    expect(offenders).toEqual([]);
  });

  test('every page has <html lang="fr">, a <title>, a canonical link and a meta description', () => {
    const canonicalOf = new Map(sitemapUrls(dist).map((loc) => [new URL(loc).pathname, loc]));
    const offenders: string[] = [];
    for (const file of htmlFiles) {
      const html = read(file);
      const all = tags(html);
      const htmlTag = all.find((tag) => tag.name === 'html');
      if (htmlTag?.attributes['lang'] !== 'fr')
        offenders.push(`${file}: <html lang="${htmlTag?.attributes['lang'] ?? ''}">, expected "fr"`);
      const title = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(html)?.[1]?.trim();
      if (!title) offenders.push(`${file}: no <title> or an empty one`);
      const canonicals = all.filter((tag) => tag.name === 'link' && rels(tag).includes('canonical'));
      const canonical = canonicals[0]?.attributes['href'] ?? '';
      if (canonicals.length !== 1 || !/^https?:\/\//.test(canonical)) {
        offenders.push(`${file}: ${canonicals.length} canonical link(s), expected one absolute URL (got "${canonical}")`);
      } else {
        const listed = canonicalOf.get(pathOfHtmlFile(file));
        if (listed && canonical !== listed) offenders.push(`${file}: canonical ${canonical} differs from the sitemap's ${listed}`);
      }
      const description = all
        .find((tag) => tag.name === 'meta' && tag.attributes['name']?.toLowerCase() === 'description')
        ?.attributes['content']?.trim();
      if (!description) offenders.push(`${file}: no meta description or an empty one`);
    }
    expect(offenders).toEqual([]);
  });
});
