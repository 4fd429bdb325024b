/**
 * The history pages and Atom feeds: the feed writer on its own, then a project copy built from a
 * git repository of three commits with fixed dates, from a shallow clone of it, and without .git
 * (the shared build of tests/global-setup.ts is a copy without .git).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RECORD_KINDS } from '../src/core/kinds/record-kinds.ts';
import { escapeXml } from '../src/core/text/xml.ts';
import { atomFeed, feedUpdated } from '../src/site/feed.ts';
import type { AtomEntry } from '../src/site/feed.ts';
import { build, copyProject, removeProject } from './helpers/astro-project.ts';
import {
  axeViolations,
  browserSample,
  describeInBrowser,
  describeViolations,
  NO_PROBLEMS,
  openPage,
  VARIANTS,
  variantsByPage,
} from './helpers/browser.ts';
import { pathOfHtmlFile, serveDirectory } from './helpers/built-site.ts';
import type { StaticServer } from './helpers/built-site.ts';
import { PROJECT_ROOT } from './helpers/content-tree.ts';

const UNAVAILABLE = "Historique indisponible : ce site a été construit sans l'historique git complet.";
const K1704_LINE = 'salaires (T1 2025) › 1 830–3 049 € › part des offres : 44,29 % → 45,1 %';

/** Text of an HTML fragment as a reader sees it: tags dropped, entities decoded, no-break spaces as spaces. */
function text(html: string): string {
  const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|#x27);/g, (entity) => entities[entity] ?? entity)
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();
}

interface Link {
  '@_rel': string;
  '@_href': string;
  '@_type': string;
}

interface Feed {
  '@_xmlns': string;
  '@_xml:lang': string;
  id: string;
  title: string;
  updated: string;
  link: Link[];
  entry?: {
    id: string;
    title: string;
    updated: string;
    author: { name: string };
    link: Link[];
    content: { '#text': string; '@_type': string };
  }[];
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Problems that make a document not well-formed XML: unbalanced tags, a bare « & » or « < » in text. */
function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const open: string[] = [];
  const body = xml.replace(/^<\?xml [^?]*\?>\n/, '');
  for (const [tag, closing, name, selfClosing] of body.matchAll(/<(\/?)([A-Za-z][\w:.-]*)(?:\s+[\w:.-]+="[^"<]*")*\s*(\/?)>/g)) {
    if (selfClosing) continue;
    if (!closing) open.push(name!);
    else if (open.pop() !== name) problems.push(`unbalanced ${tag}`);
  }
  if (open.length > 0) problems.push(`unclosed <${open.join('>, <')}>`);
  const text = body.replace(/<\/?[A-Za-z][\w:.-]*(?:\s+[\w:.-]+="[^"<]*")*\s*\/?>/g, '');
  if (/<|>/.test(text)) problems.push('« < » or « > » outside a tag');
  if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(text)) problems.push('bare « & »');
  return problems;
}

/** Parses an Atom document and checks what RFC 4287 requires of the feed and of each entry. */
function parseAtom(xml: string): Feed {
  expect(xmlProblems(xml)).toEqual([]);
  const parsed = new XMLParser({
    ignoreAttributes: false,
    parseTagValue: false,
    isArray: (name) => name === 'entry' || name === 'link',
  }).parse(xml) as { feed: Feed };
  const feed = parsed.feed;
  expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
  expect(feed['@_xml:lang']).toBe('fr');
  expect(feed.title).not.toBe('');
  expect(feed.updated).toMatch(RFC3339);
  expect(feed.link.find((l) => l['@_rel'] === 'self')).toMatchObject({ '@_href': feed.id, '@_type': 'application/atom+xml' });
  expect(feed.link.find((l) => l['@_rel'] === 'alternate')?.['@_href']).toMatch(/^https:\/\//);
  const entries = feed.entry ?? [];
  for (const entry of entries) {
    expect(entry.id).toMatch(/^https:\/\/.+#commit-[0-9a-f]{40}$/);
    expect(entry.title).not.toBe('');
    expect(entry.updated).toMatch(RFC3339);
    expect(entry.author.name).not.toBe('');
    expect(entry.link).toEqual([{ '@_rel': 'alternate', '@_type': 'text/html', '@_href': entry.id }]);
  }
  expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
  return feed;
}

describe('the Atom writer', () => {
  const page = `https://exemple.org/rome/k1704/historique/#commit-${'0123456789'.repeat(4)}`;
  const entry: AtomEntry = {
    id: page,
    title: 'Salaires & <primes> "T1" l\'an',
    updated: '2026-02-01T09:30:00+01:00',
    author: 'Éditrice',
    link: page,
    content: 'ligne 1\u0007\nligne 2',
  };

  it('is checked by a well-formedness helper that does catch malformed XML', () => {
    expect(xmlProblems('<feed><title>a & b</title></feed>')).toEqual(['bare « & »']);
    expect(xmlProblems('<feed><title>a <b> c</title></feed>')).toEqual(['unbalanced </title>', 'unbalanced </feed>', 'unclosed <feed>']);
    expect(xmlProblems('<feed><link href="x"/><title>a &amp; b &lt; c</title></feed>')).toEqual([]);
  });

  it('escapes text and attribute values and drops characters XML forbids', () => {
    expect(escapeXml('a & b < c > d " e \' f \u0000\u001f')).toBe('a &amp; b &lt; c &gt; d &quot; e &apos; f ');
  });

  it('writes a valid Atom 1.0 document', () => {
    const xml = atomFeed({
      self: 'https://exemple.org/historique/atom.xml',
      title: 'Dernières « modifications »',
      alternate: 'https://exemple.org/historique/',
      updated: entry.updated,
      entries: [entry],
    });
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">')).toBe(true);
    const feed = parseAtom(xml);
    expect(xml).toContain('<title>Salaires &amp; &lt;primes&gt; &quot;T1&quot; l&apos;an</title>');
    expect(feed.entry?.[0]).toMatchObject({
      title: 'Salaires & <primes> "T1" l\'an',
      content: { '@_type': 'text', '#text': 'ligne 1\nligne 2' },
    });
  });

  it('dates a feed by its newest entry, else by the commit built', () => {
    const older = { ...entry, updated: '2026-02-01T10:00:00+02:00' };
    expect(feedUpdated([older, entry], undefined)).toBe(entry.updated);
    expect(feedUpdated([], '2026-01-15T10:00:00+01:00')).toBe('2026-01-15T10:00:00+01:00');
    expect(() => feedUpdated([], undefined)).toThrow();
  });
});

/** The environment of a plain shell, without what would point git at another repository. */
const gitEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^GIT_/.test(name)));

function gitIn(root: string, args: string[], author = 'Test', date?: string): string {
  const env = {
    ...gitEnv,
    GIT_AUTHOR_NAME: author,
    GIT_AUTHOR_EMAIL: 'test@example.invalid',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.invalid',
  };
  const dated = date === undefined ? env : { ...env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  return execFileSync('git', args, { cwd: root, env: dated, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

function editFile(root: string, file: string, search: string, replacement: string): void {
  const path = join(root, file);
  const before = readFileSync(path, 'utf8');
  expect(before.split(search)).toHaveLength(2);
  writeFileSync(path, before.replace(search, replacement));
}

function commit(root: string, message: string, author: string, date: string): string {
  gitIn(root, ['add', '--all', '.']);
  gitIn(root, ['commit', '--quiet', '--no-verify', '--message', message], author, date);
  return gitIn(root, ['rev-parse', 'HEAD']);
}

function builtOrThrow(root: string): string {
  const result = build(root);
  if (result.status !== 0) throw new Error(result.output);
  return join(root, 'dist');
}

/** Every record of the project, as its addresses name it ("rome/k1704"), kind by kind. */
const RECORD_PAGES = RECORD_KINDS.flatMap((info) =>
  readdirSync(join(PROJECT_ROOT, 'content', info.folder))
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => `${info.urlSegment}/${name.replace(/\.yaml$/, '')}`),
);

/** The records the commits below change after adding them: the only ones with a history page and feed. */
const CHANGED_PAGES = ['certifications/rncp39853', 'rome/k1704', 'rs/rs5000'];
const HISTORY_PAGES = ['historique/index.html', ...CHANGED_PAGES.map((page) => `${page}/historique/index.html`)];
const RECORD_FEEDS = CHANGED_PAGES.map((page) => `historique/${page}.xml`);
/** Where a change is told: the record's history page, or its own page for a record only added. */
const changesPage = (page: string) => (CHANGED_PAGES.includes(page) ? `${page}/historique/` : `${page}/`);

const roots: string[] = [];
afterAll(() => roots.forEach(removeProject));

describe('a site built from a git repository', () => {
  let root: string;
  let dist: string;
  const commits: string[] = [];
  const read = (file: string) => readFileSync(join(dist, file), 'utf8');

  beforeAll(() => {
    root = copyProject();
    roots.push(root);
    writeFileSync(join(root, '.gitignore'), 'node_modules\ndist\n.cache\n.astro\n');
    gitIn(root, ['init', '--quiet', '--initial-branch=main']);
    commits.push(commit(root, 'Fiches de départ', 'Test', '2026-01-15T10:00:00+01:00'));
    editFile(root, 'content/rome/k1704.yaml', 'part_offres: 44.29', 'part_offres: 45.1');
    commits.push(commit(root, 'Salaires de K1704 : T1 2025 & <corrections>', 'Éditrice Test', '2026-02-01T09:30:00+01:00'));
    editFile(
      root,
      'content/certifications/rncp39853.yaml',
      "intitule: Piloter un projet à l'international",
      'intitule: Piloter un projet international',
    );
    commits.push(commit(root, 'Bloc 3 de RNCP39853 reformulé', 'Test', '2026-03-01T08:00:00+01:00'));
    editFile(root, 'content/rs/rs5000.yaml', 'id_fiche: 2', 'id_fiche: 3');
    commits.push(commit(root, 'Identifiant de RS5000 corrigé', 'Test', '2026-03-15T08:00:00+01:00'));
    dist = builtOrThrow(root);
  }, 180_000);

  it('lists the commits of K1704 on its history page, newest first, with their changes', () => {
    const html = read('rome/k1704/historique/index.html');
    const sections = [...html.matchAll(/<section aria-labelledby="commit-([0-9a-f]{40})">([\s\S]*?)<\/section>/g)];
    expect(sections.map((m) => m[1])).toEqual([commits[1], commits[0]]);
    const [edit, added] = sections.map((m) => text(m[2]!));
    expect(edit).toContain('1er février 2026 : Salaires de K1704 : T1 2025 & <corrections>');
    expect(edit).toContain(`Par Éditrice Test · commit ${commits[1]!.slice(0, 7)} · 1 changement`);
    expect(sections[0]![2]).toMatch(/<h2 id="commit-[0-9a-f]{40}"><time datetime="2026-02-01T09:30:00\+01:00">/);
    expect(text(sections[0]![2]!.match(/<ul>[\s\S]*<\/ul>/)![0])).toBe(K1704_LINE);
    expect(added).toContain('15 janvier 2026 : Fiches de départ');
    expect(added).toContain('fiche ajoutée');
    expect(text(html)).toContain('2 modifications, de la plus récente à la plus ancienne.');
  });

  it.each([
    ['rome/k1704', 'Historique de la fiche ROME K1704', 'Fiche métier ROME K1704 : Management de la sécurité publique'],
    [
      'certifications/rncp39853',
      'Historique de la certification RNCP39853',
      'Certification professionnelle RNCP39853 : Expert en relations et coopérations internationales',
    ],
    ['rs/rs5000', 'Historique de la certification RS5000', 'Certification du Répertoire spécifique RS5000 : Exploiter la blockchain'],
  ])('names the record of %s on its history page by its kind', (page, title, lead) => {
    const html = read(`${page}/historique/index.html`);
    expect(text(html.match(/<title>[^<]*<\/title>/)![0])).toBe(`${title} · certidocs`);
    expect(text(html.match(/<p class="lead">[\s\S]*?<\/p>/)![0])).toContain(lead);
  });

  it('gives no history page or feed to a record whose only commit added it, nor links to one', () => {
    const added = RECORD_PAGES.filter((page) => !CHANGED_PAGES.includes(page));
    expect(added.length).toBeGreaterThan(5);
    for (const page of added) {
      expect(existsSync(join(dist, page, 'historique')), page).toBe(false);
      expect(existsSync(join(dist, `historique/${page}.xml`)), page).toBe(false);
      const html = read(`${page}/index.html`);
      expect(html, page).not.toContain('Historique des modifications');
      // Its page still dates it, from its commit.
      expect(text(html), page).toMatch(/Dernière modification de la fiche[\s\u00a0]:[\s\u00a0]15 janvier 2026\s?\./);
    }
  });

  it('links each record page to its history page and its feed', () => {
    expect(read('rome/k1704/index.html')).toContain(
      '<a href="/rome/k1704/historique/">Historique des modifications</a> · <a href="/historique/rome/k1704.xml">flux Atom des modifications</a>',
    );
    expect(read('certifications/rncp39853/index.html')).toContain(
      '<a href="/certifications/rncp39853/historique/">Historique des modifications</a> · <a href="/historique/certifications/rncp39853.xml">',
    );
  });

  it('lists the latest changes across records on « Dernières modifications »', () => {
    const html = read('historique/index.html');
    const rows = [...html.matchAll(/<a href="\/((?:certifications|rome)\/[a-z0-9]+)\/historique\/#commit-([0-9a-f]{40})">/g)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(rows).toEqual([
      ['certifications/rncp39853', commits[2]],
      ['rome/k1704', commits[1]],
      // The first commit added every record: a linked row for each of those with a history page (RS rows are not matched here).
      ...RECORD_PAGES.filter((page) => /^(certifications|rome)\//.test(page) && CHANGED_PAGES.includes(page)).map((page) => [
        page,
        commits[0],
      ]),
    ]);
    expect(text(html)).toContain(
      '1er mars 2026 RNCP39853 Expert en relations et coopérations internationales Bloc 3 de RNCP39853 reformulé (1 changement) Test',
    );
    expect(html).toContain('<a href="/historique/atom.xml">');
    expect(read('index.html')).toContain('<a href="/historique/">Dernières modifications</a>');
  });

  it('publishes a valid Atom feed of the latest changes', () => {
    const feed = parseAtom(read('historique/atom.xml'));
    expect(feed.id).toBe('https://certidocs.example.org/historique/atom.xml');
    expect(feed.updated).toBe('2026-03-15T08:00:00+01:00');
    expect(feed.entry?.map((e) => e.id)).toEqual([
      `https://certidocs.example.org/rs/rs5000/historique/#commit-${commits[3]}`,
      `https://certidocs.example.org/certifications/rncp39853/historique/#commit-${commits[2]}`,
      `https://certidocs.example.org/rome/k1704/historique/#commit-${commits[1]}`,
      // The first commit added every record: one entry each, in order of their files, at the page that tells its changes.
      ...RECORD_PAGES.map((page) => `https://certidocs.example.org/${changesPage(page)}#commit-${commits[0]}`),
    ]);
    expect(feed.entry![2]!.title.replace(/\u00a0/g, ' ')).toBe('K1704 : Salaires de K1704 : T1 2025 & <corrections>');
  });

  it('publishes a valid Atom feed per record', () => {
    for (const file of RECORD_FEEDS) parseAtom(read(file));
    const feed = parseAtom(read('historique/rome/k1704.xml'));
    expect(feed.id).toBe('https://certidocs.example.org/historique/rome/k1704.xml');
    expect(feed.updated).toBe('2026-02-01T09:30:00+01:00');
    expect(feed.entry?.map((e) => [e.updated, e.author.name])).toEqual([
      ['2026-02-01T09:30:00+01:00', 'Éditrice Test'],
      ['2026-01-15T10:00:00+01:00', 'Test'],
    ]);
    expect(feed.entry![0]!.content['#text'].replace(/[\u00a0\u202f]/g, ' ')).toBe(`1 changement.\n${K1704_LINE}`);
  });

  it('gives the history pages valid HTML and links that resolve', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'long-title': 'off' } });
    for (const page of HISTORY_PAGES) {
      const report = await validator.validateFile(join(dist, page));
      expect(report.results.flatMap((r) => r.messages.map((m) => `${page}:${m.line}:${m.column} ${m.message}`))).toEqual([]);
      const html = read(page);
      expect(html).toMatch(/^<!DOCTYPE html><html lang="fr">/i);
      expect(html).not.toMatch(/<script(?![^>]*application\/ld\+json)/);
      for (const [, href] of html.matchAll(/\shref="(\/[^"]*)"/g)) {
        const [path = '', fragment] = href!.split('#');
        const file = path.endsWith('/') ? `${path.slice(1)}index.html` : path.slice(1);
        expect(existsSync(join(dist, file)), `${page} → ${href}`).toBe(true);
        if (fragment) expect(read(file), `${page} → ${href}`).toContain(` id="${fragment}"`);
      }
    }
  });

  // The shared build has no git history: the pages with commits, a table and lists are only checked here.
  describeInBrowser('history pages in Chromium', 'http://127.0.0.1', ({ browser }) => {
    let server: StaticServer;
    beforeAll(async () => {
      server = await serveDirectory(dist);
    });
    afterAll(() => server.close());

    // The index and a few history pages of each kind: one template, whose commits, tables and lists each page has.
    const variants = variantsByPage(browserSample(HISTORY_PAGES.map(pathOfHtmlFile)));
    for (const [path, pageVariants] of variants) {
      it(`${path}: loads cleanly, no axe violation, at ${pageVariants.length === VARIANTS.length ? 'every width and scheme' : `${pageVariants[0].width} px, ${pageVariants[0].colorScheme}`}`, async () => {
        for (const variant of pageVariants) {
          const visit = await openPage(browser(), server.url, path, variant);
          try {
            expect.soft(visit.status, `${variant.width} px ${variant.colorScheme}`).toBe(200);
            expect.soft(visit.problems(), `${variant.width} px ${variant.colorScheme}`).toEqual(NO_PROBLEMS);
            const violations = await axeViolations(visit.page);
            expect
              .soft(
                violations.map((v) => v.id),
                `${variant.width} px ${variant.colorScheme}:\n${describeViolations(violations)}`,
              )
              .toEqual([]);
          } finally {
            await visit.close();
          }
        }
      }, 60_000);
    }
  });

  describe('from a shallow clone', () => {
    let clone: string;
    beforeAll(() => {
      clone = mkdtempSync(join(tmpdir(), 'certidocs-shallow-site-'));
      roots.push(clone);
      gitIn(PROJECT_ROOT, ['clone', '--quiet', '--depth', '1', `file://${root}`, clone]);
      symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');
    }, 30_000);

    it('still builds, and says that history is unavailable', () => {
      const shallowDist = builtOrThrow(clone);
      expectUnavailable(shallowDist);
    }, 180_000);
  });
});

/** The history page says history is unavailable; no per-record history page or feed is published or linked. */
function expectUnavailable(dist: string): void {
  expect(text(readFileSync(join(dist, 'historique/index.html'), 'utf8'))).toContain(UNAVAILABLE);
  for (const page of HISTORY_PAGES.slice(1)) expect(existsSync(join(dist, page)), page).toBe(false);
  expect(readdirSync(join(dist, 'historique'), { recursive: true }).filter((file) => String(file).endsWith('.xml'))).toEqual([]);
  const recordPage = readFileSync(join(dist, 'rome/k1704/index.html'), 'utf8');
  expect(recordPage).not.toContain('/rome/k1704/historique/');
  expect(recordPage).not.toContain('href="/historique/rome/k1704.xml"');
  expect(existsSync(join(dist, 'historique/atom.xml'))).toBe(false);
}

describe('a site built without .git (an archive)', () => {
  it('builds, and says that history is unavailable', () => {
    // tests/global-setup.ts builds a copy of the project that has no .git.
    expectUnavailable(inject('siteDist'));
  });
});
