/**
 * Hostile content: every free-text field (schema `texte`) of a certification and of a ROME sheet is
 * replaced by an HTML/script payload, the site is built, and the output must hold each payload as
 * text only: escaped in pages, titles and meta tags, exact in JSON-LD, JSON and CSV, never live markup.
 * URLs are the schema's business: a `javascript:` source address is rejected by the validator.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, parse, parseDocument, Scalar } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import { importExport } from '../src/core/import/import-export.ts';
import type { ImportReport } from '../src/core/import/import-report.ts';
import { validateContent } from '../src/core/validation/validate-content.ts';
import { build, copyProject, removeProject } from './helpers/astro-project.ts';
import { describeInBrowser } from './helpers/browser.ts';
import { serveDirectory } from './helpers/built-site.ts';
import { FIXTURES, makeTree, PROJECT_ROOT, removeTrees } from './helpers/content-tree.ts';
import { csvLinksOf, dumpRecords } from './helpers/downloads.ts';
import { exportXml, officialName, renumber, sampleFiche } from './import/import-fixtures.ts';
import type { XmlNode } from './import/import-fixtures.ts';

/** Payloads, handed out round-robin to the text fields. */
const CORPUS = [
  '<script>alert("x")</script>',
  '"><img src=x onerror=alert(1)>',
  '</title><script>alert(1)</script>',
  '<a href="javascript:alert(1)">lien</a>',
  ']]><!--',
  '</script><script>alert(1)</script>',
  "{{constructor.constructor('alert(1)')()}}",
  '&lt;b&gt; & "quotes" \'apos\'',
  '<svg onload=alert(1)>',
  '\u2028\u2029 ligne',
  "' onmouseover='alert(1)",
  '<iframe src="javascript:alert(1)"></iframe>',
  '<!--<script>alert(1)//-->',
  '&#60;script&#62;alert(1)&#60;/script&#62;',
];

/** Subject of the hostile commit: history pages and feeds show it. */
const COMMIT_MESSAGE = 'COMMIT-PAYLOAD </title><script>alert(1)</script> "><img src=x onerror=alert(1)> ]]><!--';
/** git without the variables that would point it at another repository (as inside a git hook). */
const GIT_ENV = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^GIT_/.test(name)));

/** The files whose text fields are all replaced. */
const HOSTILE_FILES = [
  { file: 'content/certifications/rncp39853.yaml', schema: 'certification.schema.json', dump: 'certifications', id: 'RNCP39853' },
  { file: 'content/rome/k1704.yaml', schema: 'rome.schema.json', dump: 'rome', id: 'K1704' },
];

type Schema = Record<string, any>;

interface Leaf {
  file: string;
  /** JSON pointer of the field. */
  pointer: string;
  /** "PAYLOAD-007": three digits, so that no marker is the prefix of another. */
  marker: string;
  /** The whole injected string: marker, a space, the payload. */
  value: string;
}

// --- Which YAML leaves are free text: walk the JSON Schemas alongside the document. ---

const SCHEMAS: Record<string, Schema> = Object.fromEntries(
  ['definitions.schema.json', 'certification.schema.json', 'rome.schema.json'].map((name) => [
    name,
    JSON.parse(readFileSync(join(PROJECT_ROOT, 'schemas', name), 'utf8')) as Schema,
  ]),
);
const TEXTE = SCHEMAS['definitions.schema.json']!.definitions.texte as Schema;

interface Located {
  schema: Schema;
  file: string;
}

/** A schema with its references, conditionals and combinators expanded into the schemas that may apply. */
function expand(located: Located, seen = new Set<Schema>()): Located[] {
  const { schema, file } = located;
  if (seen.has(schema)) return [];
  seen.add(schema);
  const out: Located[] = [located];
  if (typeof schema.$ref === 'string') {
    const [refFile, fragment = ''] = schema.$ref.split('#');
    const target = refFile ? refFile : file;
    let node: any = SCHEMAS[target];
    for (const part of fragment.split('/').filter(Boolean)) node = node?.[part];
    if (!node) throw new Error(`unresolved $ref ${schema.$ref} in ${file}`);
    out.push(...expand({ schema: node, file: target }, seen));
  }
  for (const key of ['then', 'else']) if (schema[key]) out.push(...expand({ schema: schema[key], file }, seen));
  for (const key of ['allOf', 'anyOf', 'oneOf']) for (const sub of schema[key] ?? []) out.push(...expand({ schema: sub, file }, seen));
  return out;
}

function childSchemas(parents: Located[], key: string | number): Located[] {
  return parents.flatMap((p) => {
    const child = typeof key === 'number' ? p.schema.items : p.schema.properties?.[key];
    return child ? expand({ schema: child, file: p.file }) : [];
  });
}

const escapePointer = (key: string | number) => String(key).replace(/~/g, '~0').replace(/\//g, '~1');

/** Replaces every `texte` string of the document, in document order, and returns what went where. */
function injectPayloads(node: YamlNode | null, schemas: Located[], file: string, pointer: string, leaves: Leaf[]): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      injectPayloads(pair.value as YamlNode, childSchemas(schemas, key), file, `${pointer}/${escapePointer(key)}`, leaves);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) =>
      injectPayloads(item as YamlNode, childSchemas(schemas, index), file, `${pointer}/${index}`, leaves),
    );
  } else if (isScalar(node) && typeof node.value === 'string' && schemas.some((s) => s.schema === TEXTE)) {
    const n = leaves.length;
    const marker = `PAYLOAD-${String(n).padStart(3, '0')}`;
    const value = `${marker} ${CORPUS[n % CORPUS.length]}`;
    node.value = value;
    node.type = Scalar.QUOTE_DOUBLE;
    leaves.push({ file, pointer, marker, value });
  }
}

// --- The same payloads through the official flow: every text element of a real FICHE of each registry. ---

/** The FICHEs given payloads, under new numbers, and the files the import writes for them. */
const HOSTILE_FICHES = [
  { registry: 'RNCP', model: 'RNCP35809', id: 'RNCP900099' },
  { registry: 'RS', model: 'RS6547', id: 'RS900099' },
] as const;

/** Values the mapping converts or uses as keys: left as they are, so that the record and its links survive. */
const KEPT_ELEMENTS = new Set(['NUMERO_FICHE', 'CODE', 'NIVEAU', 'SIRET_CERTIFICATEUR', 'SIRET_PARTENAIRE']);
const CONVERTED = /^(\d{2}\/\d{2}\/\d{4}|Oui|Non|[\d.,]+)$/;

/** Gives a payload to every leaf element holding text; a description link gets a `javascript:` address. */
function poisonFiche(node: XmlNode, next: () => string): void {
  for (const child of node.children) {
    if (child.children.length > 0) poisonFiche(child, next);
    else if (child.name === 'LIEN_URL_DESCRIPTION') child.text = 'javascript:alert(1)';
    else if (child.text !== '' && !KEPT_ELEMENTS.has(child.name) && !CONVERTED.test(child.text)) child.text = next();
  }
}

/** The strings of a record that carry a marker, as leaves (the import keeps flow texts exactly). */
function markedLeaves(data: unknown, file: string, pointer = ''): Leaf[] {
  if (typeof data === 'string') {
    const marker = data.match(HAS_MARKER)?.[0];
    return marker ? [{ file, pointer, marker, value: data }] : [];
  }
  if (data && typeof data === 'object')
    return Object.entries(data).flatMap(([key, value]) => markedLeaves(value, file, `${pointer}/${escapePointer(key)}`));
  return [];
}

// --- Reading the built site. ---

function filesUnder(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(suffix))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0' };

/** Decodes the character references Astro emits (named ones it uses, and numeric ones). */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#')
      return String.fromCodePoint(ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10));
    const named = NAMED_ENTITIES[ref.toLowerCase()];
    if (named === undefined) throw new Error(`unexpected entity ${whole}`);
    return named;
  });
}

interface StartTag {
  name: string;
  attrs: Map<string, string>;
  raw: string;
}

interface ScannedPage {
  tags: StartTag[];
  /** Decoded text: text nodes, <title> content and attribute values. */
  texts: string[];
  comments: string[];
  /** Raw content of <script> elements, with their start tag. */
  scripts: { tag: StartTag; content: string }[];
  /** Decoded content of <title> elements. */
  titles: string[];
  /** Anything that looked like markup but could not be read as such. */
  oddities: string[];
}

const WS = '[\\t\\n\\f\\r ]';
const START_TAG = new RegExp(
  `<([a-zA-Z][^\\t\\n\\f\\r />]*)((?:${WS}*/?${WS}*[^\\t\\n\\f\\r />"'=]+(?:${WS}*=${WS}*(?:"[^"]*"|'[^']*'|[^\\t\\n\\f\\r >]+))?)*)${WS}*/?>`,
  'y',
);
const ATTRIBUTE = new RegExp(`([^\\t\\n\\f\\r />"'=]+)(?:${WS}*=${WS}*(?:"([^"]*)"|'([^']*)'|([^\\t\\n\\f\\r >]+)))?`, 'g');
/** Elements whose content is not markup: the scanner jumps to their end tag, as a browser does. */
const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xmp', 'noembed', 'noframes', 'iframe', 'plaintext']);

/** A small HTML tokenizer: start tags with their attributes, text, comments and raw-text elements. */
function scanHtml(html: string): ScannedPage {
  const page: ScannedPage = { tags: [], texts: [], comments: [], scripts: [], titles: [], oddities: [] };
  let pos = 0;
  while (pos < html.length) {
    const lt = html.indexOf('<', pos);
    const textEnd = lt < 0 ? html.length : lt;
    if (textEnd > pos) page.texts.push(decodeEntities(html.slice(pos, textEnd)));
    if (lt < 0) break;
    pos = lt;
    if (html.startsWith('<!--', pos)) {
      const end = html.indexOf('-->', pos + 4);
      page.comments.push(html.slice(pos + 4, end < 0 ? html.length : end));
      pos = end < 0 ? html.length : end + 3;
    } else if (/^<[!?]/.test(html.slice(pos, pos + 2))) {
      const end = html.indexOf('>', pos);
      const declaration = html.slice(pos, end < 0 ? html.length : end + 1);
      if (!/^<!doctype html>$/i.test(declaration)) page.oddities.push(declaration);
      pos = end < 0 ? html.length : end + 1;
    } else if (/^<\/[a-zA-Z]/.test(html.slice(pos, pos + 3))) {
      const end = html.indexOf('>', pos);
      pos = end < 0 ? html.length : end + 1;
    } else if (/^<[a-zA-Z]/.test(html.slice(pos, pos + 2))) {
      START_TAG.lastIndex = pos;
      const match = START_TAG.exec(html);
      if (!match) {
        page.oddities.push(html.slice(pos, pos + 80));
        pos += 1;
        continue;
      }
      const attrs = new Map<string, string>();
      for (const a of match[2]!.matchAll(ATTRIBUTE)) {
        const name = a[1]!.toLowerCase();
        const value = decodeEntities(a[2] ?? a[3] ?? a[4] ?? '');
        if (!attrs.has(name)) attrs.set(name, value);
        page.texts.push(value);
      }
      const tag: StartTag = { name: match[1]!.toLowerCase(), attrs, raw: match[0] };
      page.tags.push(tag);
      pos = START_TAG.lastIndex;
      if (RAW_TEXT.has(tag.name) && !tag.raw.endsWith('/>')) {
        const close = html.toLowerCase().indexOf(`</${tag.name}`, pos);
        const content = html.slice(pos, close < 0 ? html.length : close);
        if (tag.name === 'script') page.scripts.push({ tag, content });
        if (tag.name === 'title' || tag.name === 'textarea') {
          const decoded = decodeEntities(content);
          page.texts.push(decoded);
          if (tag.name === 'title') page.titles.push(decoded);
        }
        const end = close < 0 ? -1 : html.indexOf('>', close);
        pos = end < 0 ? html.length : end + 1;
      }
    } else {
      // A lone "<" in text (invalid, but not a tag for a browser either).
      page.texts.push('<');
      pos += 1;
    }
  }
  return page;
}

/** Strict RFC 4180 reader (CRLF records, optional final CRLF): throws on anything malformed. */
function parseCsv(text: string, separator = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  for (;;) {
    let cell = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
          } else {
            i += 1;
            break;
          }
        } else {
          cell += text[i];
          i += 1;
        }
      }
    } else {
      while (i < text.length && text[i] !== separator && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`bare quote in unquoted field at ${i}`);
        cell += text[i];
        i += 1;
      }
    }
    row.push(cell);
    if (text[i] === separator) {
      i += 1;
    } else if (text.startsWith('\r\n', i) || i >= text.length) {
      rows.push(row);
      row = [];
      i += 2;
      if (i >= text.length) break;
    } else {
      throw new Error(`unexpected character ${JSON.stringify(text[i])} at ${i}`);
    }
  }
  return rows;
}

/** Every string inside a JSON value. */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

/** The site's own search form: the only form controls its pages have. */
function isSearchForm(tag: StartTag): boolean {
  const a = tag.attrs;
  if (tag.name === 'form') return /^\/([a-z0-9-]+\/)*recherche\/$/.test(a.get('action') ?? '') && a.get('method') === 'get';
  if (tag.name === 'input') return a.get('type') === 'search' && a.get('name') === 'q';
  if (tag.name === 'button') return a.get('type') === 'submit' && a.size === 1;
  return false;
}

/** The record's own status badge, a file the site writes from the record's number: /badges/rncp39853.svg. */
function isStatusBadge(tag: StartTag): boolean {
  return tag.name === 'img' && /^\/([a-z0-9-]+\/)*badges\/(rncp|rs)\d+\.svg$/.test(tag.attrs.get('src') ?? '');
}

/** Removes ASCII whitespace and controls, as browsers do before reading a URL's scheme. */
const schemeOf = (url: string) => url.replace(/[\u0000-\u0020]/g, '').toLowerCase();

const MARKER = /PAYLOAD-\d{3}/g;
const HAS_MARKER = /PAYLOAD-\d{3}/;

// --- The run. ---

let root: string;
let dist: string;
const leaves: Leaf[] = [];
/** The leaves written by the import of the hostile FICHEs. */
const importedLeaves: Leaf[] = [];
let flowPayloads = 0;
const importReports: ImportReport[] = [];
const expected: Record<string, unknown> = {};
let buildResult: { status: number | null; output: string };
let pages: { path: string; html: string; scan: ScannedPage }[] = [];

const leafByMarker = () => new Map(leaves.map((l) => [l.marker, l]));

beforeAll(async () => {
  root = copyProject();
  // A git history (clean records, then the hostile edit with a hostile commit message) so that the
  // history pages and Atom feeds are built and carry payloads too.
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: root, env: GIT_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '--quiet', '--initial-branch=main');
  git('config', 'user.name', 'Test certidocs');
  git('config', 'user.email', 'tests@certidocs.invalid');
  git('config', 'commit.gpgsign', 'false');
  git('add', 'content', 'schemas');
  git('commit', '--quiet', '--no-verify', '--message', 'Fiches de départ');
  for (const { file, schema } of HOSTILE_FILES) {
    const doc = parseDocument(readFileSync(join(root, file), 'utf8'));
    injectPayloads(doc.contents as YamlNode, expand({ schema: SCHEMAS[schema]!, file: schema }), file, '', leaves);
    const text = doc.toString({ lineWidth: 0 });
    writeFileSync(join(root, file), text);
    expected[file] = parse(text);
  }
  for (const { registry, model, id } of HOSTILE_FICHES) {
    const fiche = renumber(sampleFiche(registry, model), id);
    poisonFiche(fiche, () => {
      const n = leaves.length + flowPayloads++;
      return `PAYLOAD-${String(n).padStart(3, '0')} ${CORPUS[n % CORPUS.length]}`;
    });
    const exportFile = join(root, officialName(registry));
    writeFileSync(exportFile, exportXml([fiche]));
    importReports.push(await importExport({ root, file: exportFile, only: new Set([id]) }));
  }
  for (const file of filesUnder(join(root, 'content'), '.yaml')) {
    const path = relative(root, file);
    if (!HOSTILE_FILES.some((h) => h.file === path)) importedLeaves.push(...markedLeaves(parse(readFileSync(file, 'utf8')), path));
  }
  leaves.push(...importedLeaves);
  git('add', 'content');
  git('commit', '--quiet', '--no-verify', '--message', `${COMMIT_MESSAGE}\n\n${CORPUS.join('\n')}`);
  buildResult = build(root);
  dist = join(root, 'dist');
  pages = filesUnder(dist, '.html').map((path) => {
    const html = readFileSync(path, 'utf8');
    return { path: relative(dist, path), html, scan: scanHtml(html) };
  });
}, 180_000);

afterAll(() => {
  if (root) removeProject(root);
  removeTrees();
});

describe('hostile content: the payload-laden records', () => {
  it('replace every free-text field of both files, and only those', () => {
    expect(leaves.length).toBeGreaterThanOrEqual(60);
    const pointers = (file: string) => leaves.filter((l) => l.file === file).map((l) => l.pointer);
    const cert = pointers('content/certifications/rncp39853.yaml');
    const rome = pointers('content/rome/k1704.yaml');
    expect(cert).toEqual(
      expect.arrayContaining([
        '/intitule',
        '/objectifs',
        '/prerequis/entree_formation',
        '/debouches/types_emploi/introduction',
        '/debouches/types_emploi/intitules/0',
        '/debouches/secteurs/liste/12',
        '/blocs/5/intitule',
        '/notes_editoriales/0',
        '/sources/0/intitule',
        '/sources/0/intitule_court',
        '/sources/0/remarque',
      ]),
    );
    expect(rome).toEqual(
      expect.arrayContaining([
        '/intitule',
        '/marche_du_travail/demandeurs_emploi/precision',
        '/marche_du_travail/difficulte_recrutement/valeur/mention',
        '/marche_du_travail/repartitions/diplome/titre',
        '/marche_du_travail/repartitions/qualification/titre_graphique',
        '/marche_du_travail/repartitions/qualification/sous_titre',
        '/marche_du_travail/repartitions/experience/lignes/5/libelle',
        '/notes_editoriales/2',
        '/sources/4/intitule',
      ]),
    );
    // Identifiers, codes, periods, dates, enums and source ids keep their values.
    for (const pointer of [...cert, ...rome]) {
      expect(pointer).not.toMatch(/\/(id|code|numero_fiche|periode|date_fin|source|version|referentiel|codes_rome\/\d+)$/);
    }
    const cert0 = expected['content/certifications/rncp39853.yaml'] as Record<string, any>;
    expect(cert0.numero_fiche).toBe('RNCP39853');
    expect(cert0.enregistrement).toEqual({ date_fin: '2029-11-28', duree_annees: 5, source: 'page-source' });
    // The YAML read back holds each payload exactly.
    for (const leaf of leaves.filter((l) => !importedLeaves.includes(l))) {
      let node: any = expected[leaf.file];
      for (const part of leaf.pointer.split('/').slice(1)) node = node[part.replace(/~1/g, '/').replace(/~0/g, '~')];
      expect(node, leaf.pointer).toBe(leaf.value);
    }
  });

  it('come through the import too: every text element of the hostile FICHEs, exactly, without the javascript: link', () => {
    for (const { id } of HOSTILE_FICHES) {
      const file = `content/${id.startsWith('RS') ? 'rs' : 'certifications'}/${id.toLowerCase()}.yaml`;
      const fromFlow = importedLeaves.filter((l) => l.file === file);
      expect(fromFlow.length, file).toBeGreaterThan(10);
      expect(fromFlow.map((l) => l.pointer)).toEqual(expect.arrayContaining(['/intitule']));
      expect(parse(readFileSync(join(root, file), 'utf8'))).not.toHaveProperty('liens_description');
    }
    // The ROME labels the RNCP FICHE gives became its sheets' titles.
    expect(importedLeaves.some((l) => l.file.startsWith('content/rome/') && l.pointer === '/intitule')).toBe(true);
    // Each payload given is written, or left out with a report entry (a value the schemas cannot hold there).
    const dropped = importReports.flatMap((r) => r.dropped.map((d) => d.value.match(HAS_MARKER)?.[0]));
    const accounted = new Set([...importedLeaves.map((l) => l.marker), ...dropped]);
    expect(accounted.size).toBe(flowPayloads);
  });

  it('are valid content', () => {
    const { diagnostics } = validateContent({ root });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('build', () => {
    expect(buildResult.status, buildResult.output).toBe(0);
    expect(pages.map((p) => p.path)).toEqual(expect.arrayContaining(['certifications/rncp39853/index.html', 'rome/k1704/index.html']));
  });
});

describe('hostile content: HTML pages', () => {
  it('are read by a scanner that does see live markup (self-check on unescaped payloads)', () => {
    const live = scanHtml(
      `<html><head><title>PAYLOAD-000 </title><script>alert(1)</script></title></head><body><p>PAYLOAD-001 "><img src=x onerror=alert(1)></p><a href=" javascript:alert(1)">x</a><p>]]><!--</p><svg onload=alert(1)></body></html>`,
    );
    expect(live.tags.map((t) => t.name)).toEqual(['html', 'head', 'title', 'script', 'body', 'p', 'img', 'a', 'p']);
    expect(live.tags.find((t) => t.name === 'img')!.attrs.get('onerror')).toBe('alert(1)');
    expect(schemeOf(live.tags.find((t) => t.name === 'a')!.attrs.get('href')!)).toMatch(/^javascript:/);
    expect(live.comments).toHaveLength(1);
    const escaped = scanHtml('<p>PAYLOAD-001 &quot;&gt;&lt;img src=x onerror=alert(1)&gt;</p><meta content="&lt;/title&gt;&#39;">');
    expect(escaped.tags.map((t) => t.name)).toEqual(['p', 'meta']);
    expect(escaped.texts).toEqual(['PAYLOAD-001 "><img src=x onerror=alert(1)>', "</title>'"]);
  });

  it('hold no markup the scanner cannot read, and no comment from content', () => {
    for (const { path, scan } of pages) {
      expect(scan.oddities, path).toEqual([]);
      for (const comment of scan.comments) expect(comment, `${path}: comment`).not.toMatch(HAS_MARKER);
    }
  });

  it("run no script but the JSON-LD blocks and the site's search.js", () => {
    for (const { path, scan } of pages) {
      for (const tag of scan.tags.filter((t) => t.name === 'script')) {
        const jsonLd = tag.attrs.get('type') === 'application/ld+json' && !tag.attrs.has('src');
        const search = /^(\/[^/]*)*\/search\.js$/.test(tag.attrs.get('src') ?? '') && !tag.attrs.has('type');
        expect(jsonLd || search, `${path}: ${tag.raw}`).toBe(true);
      }
    }
  });

  it('have no event-handler attribute and no javascript: address; data: only for the CSV downloads of charts', () => {
    let downloads = 0;
    for (const { path, scan } of pages) {
      for (const tag of scan.tags) {
        // A chart's CSV: plain text a browser saves, never renders or runs; every character but encodeURIComponent's own is percent-encoded.
        if (
          tag.name === 'a' &&
          tag.attrs.has('download') &&
          /^data:text\/csv;charset=utf-8,[A-Za-z0-9\-_.!~*'()%]*$/.test(tag.attrs.get('href') ?? '')
        ) {
          downloads++;
          continue;
        }
        expect(tag.name, `${path}: ${tag.raw}`).toMatch(/^[a-z][a-z0-9-]*$/);
        for (const [name, value] of tag.attrs) {
          expect(name, `${path}: ${tag.raw}`).toMatch(/^[a-z][a-z0-9_:.-]*$/);
          expect(name.startsWith('on'), `${path}: ${tag.raw}`).toBe(false);
          if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'srcset'].includes(name)) {
            expect(schemeOf(value), `${path}: ${tag.raw}`).not.toMatch(/^(javascript|vbscript|data):/);
          }
        }
      }
    }
    expect(downloads).toBeGreaterThan(0);
  });

  it("have no img but the record's status badge, no iframe, object or embed, and only the charts' own svg", () => {
    for (const { path, scan } of pages) {
      for (const tag of scan.tags) {
        expect(
          ['img', 'iframe', 'object', 'embed', 'frame', 'base', 'math', 'form', 'input', 'button', 'textarea', 'select'].includes(
            tag.name,
          ) &&
            !isSearchForm(tag) &&
            !isStatusBadge(tag),
          `${path}: ${tag.raw}`,
        ).toBe(false);

        if (tag.name === 'meta') expect(tag.attrs.get('http-equiv')?.toLowerCase(), `${path}: ${tag.raw}`).not.toBe('refresh');
        if (tag.name === 'svg') {
          expect(tag.attrs.get('aria-hidden'), `${path}: ${tag.raw}`).toBe('true');
          expect(tag.attrs.get('focusable'), `${path}: ${tag.raw}`).toBe('false');
          expect(tag.attrs.get('viewbox'), `${path}: ${tag.raw}`).toMatch(/^0 0 \d+ \d+$/);
        }
      }
    }
  });

  it('render every payload as text somewhere', () => {
    const rendered = new Set(pages.flatMap((p) => p.scan.texts.flatMap((t) => t.match(MARKER) ?? [])));
    const missing = leaves.filter((l) => !rendered.has(l.marker)).map((l) => `${l.file}#${l.pointer}`);
    // Fields the pages do not show (they are in the JSON API, checked below): a chart's separately
    // published title is not rendered, the table title is.
    expect(missing).toEqual([]);
    // The hostile commit's subject is shown whole, as text, on the history pages.
    expect(pages.filter((p) => p.scan.texts.some((t) => t.includes(COMMIT_MESSAGE))).map((p) => p.path)).toEqual(
      expect.arrayContaining(['historique/index.html']),
    );
    // Nothing escaped twice: no "&amp;lt;" left in decoded text.
    for (const { path, scan } of pages) for (const t of scan.texts) if (HAS_MARKER.test(t)) expect(t, path).not.toMatch(/&amp;|&lt;script/);
  });

  it('show each rendered payload whole in one text node or attribute value (no tag cut it)', () => {
    const texts = pages.flatMap((p) => p.scan.texts.filter((t) => HAS_MARKER.test(t)));
    const rendered = new Set(texts.flatMap((t) => t.match(MARKER) ?? []));
    const cut = leaves.filter((l) => rendered.has(l.marker) && !texts.some((t) => t.includes(l.value)));
    expect(cut.map((l) => `${l.file}#${l.pointer}: ${JSON.stringify(l.value)}`)).toEqual([]);
  });

  it('keep payloads whole, as text, in <title> and meta tags', () => {
    const byMarker = leafByMarker();
    let checked = 0;
    for (const { path, scan } of pages) {
      const metas = scan.tags
        .filter((t) => t.name === 'meta' && (t.attrs.get('name') === 'description' || /^og:/.test(t.attrs.get('property') ?? '')))
        .map((t) => t.attrs.get('content') ?? '');
      for (const text of [...scan.titles, ...metas]) {
        for (const marker of text.match(MARKER) ?? []) {
          expect(text, `${path}: ${marker}`).toContain(byMarker.get(marker)!.value);
          checked += 1;
        }
      }
    }
    const intitule = (file: string) => leaves.find((l) => l.file === file && l.pointer === '/intitule')!.value;
    const page = (p: string) => pages.find((x) => x.path === p)!.scan;
    expect(page('certifications/rncp39853/index.html').titles.join('')).toContain(intitule('content/certifications/rncp39853.yaml'));
    expect(page('rome/k1704/index.html').titles.join('')).toContain(intitule('content/rome/k1704.yaml'));
    expect(checked).toBeGreaterThan(4);
  });

  it('embed JSON-LD that parses, holds the payloads exactly, and cannot close its script element', () => {
    const byMarker = leafByMarker();
    const blocks = pages.flatMap(({ path, scan }) =>
      scan.scripts.filter((s) => s.tag.attrs.get('type') === 'application/ld+json').map((s) => ({ path, content: s.content })),
    );
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    let found = 0;
    for (const { path, content } of blocks) {
      expect(content, path).not.toContain('<');
      expect(content.toLowerCase(), path).not.toContain('</script');
      const strings = stringsOf(JSON.parse(content));
      for (const s of strings) {
        for (const marker of s.match(MARKER) ?? []) {
          expect(s, `${path}: ${marker}`).toContain(byMarker.get(marker)!.value);
          found += 1;
        }
      }
    }
    const ld = (p: string) => JSON.parse(blocks.find((b) => b.path === p)!.content) as Record<string, any>;
    const cert = expected['content/certifications/rncp39853.yaml'] as Record<string, any>;
    const rome = expected['content/rome/k1704.yaml'] as Record<string, any>;
    expect(ld('certifications/rncp39853/index.html')).toMatchObject({ name: cert.intitule });
    expect(ld('rome/k1704/index.html')).toMatchObject({ name: rome.intitule });
    expect(found).toBeGreaterThan(3);
  });
});

describe('hostile content: feeds and open data', () => {
  it('Atom feeds are well-formed XML (skipped when the copy has no git history)', (context) => {
    const feeds = filesUnder(join(dist, 'historique'), '.xml');
    if (feeds.length === 0) context.skip('no Atom feed: the project copy has no git history');
    let sawCommit = false;
    for (const feed of feeds) {
      const xml = readFileSync(feed, 'utf8');
      expect(XMLValidator.validate(xml), relative(dist, feed)).toBe(true);
      // The commit message and record names are text in the feed: no raw markup, no comment opener.
      expect(xml, relative(dist, feed)).not.toMatch(/<(script|img|svg|iframe)\b|<!--/i);
      if (xml.includes('COMMIT-PAYLOAD')) sawCommit = true;
    }
    expect(sawCommit).toBe(true);
  });

  it('CSV tables quote each payload and read it back exactly', () => {
    const byMarker = leafByMarker();
    // The whole-registry tables, and the CSV each chart's link holds on the record pages.
    const charts = [...csvLinksOf(readFileSync(join(dist, 'rome/k1704/index.html'), 'utf8'))];
    const tables: [string, string][] = [
      ...filesUnder(join(dist, 'api/v1/tables'), '.csv').map((path): [string, string] => [path, readFileSync(path, 'utf8')]),
      ...charts,
    ];
    expect(tables.length).toBeGreaterThan(charts.length);
    expect(charts.length).toBeGreaterThan(0);
    let found = 0;
    for (const [path, text] of tables) {
      expect(text.startsWith('\uFEFF'), path).toBe(true);
      // The whole-registry tables are for spreadsheets set to French: « ; » between cells.
      const rows = parseCsv(text.slice(1), path.includes('/api/v1/tables/') ? ';' : ',');
      for (const row of rows) {
        expect(row.length, `${path}: ${JSON.stringify(row)}`).toBe(rows[0]!.length);
        for (const cell of row) {
          const markers = cell.match(MARKER) ?? [];
          for (const marker of markers) {
            expect(cell, `${path}: ${marker}`).toBe(byMarker.get(marker)!.value);
            found += 1;
          }
        }
      }
    }
    // The distribution tables carry their row labels and their source's name from the YAML.
    const market = (expected['content/rome/k1704.yaml'] as Record<string, any>).marche_du_travail;
    const sources = (expected['content/rome/k1704.yaml'] as Record<string, any>).sources as { id: string; intitule: string }[];
    for (const [id, table] of Object.entries(market.repartitions as Record<string, any>)) {
      const rows = parseCsv((new Map(charts).get(`k1704-${id}.csv`) ?? '').slice(1)).slice(1);
      expect(rows.map((r) => r[0])).toEqual(table.lignes.map((l: { libelle: string }) => l.libelle));
      expect(new Set(rows.map((r) => r.at(-1)))).toEqual(new Set([sources.find((s) => s.id === table.source)!.intitule]));
    }
    expect(found).toBeGreaterThan(10);
  });

  it('records in the dumps equal the YAML, payloads included', () => {
    for (const { file, dump, id } of HOSTILE_FILES) {
      const record = dumpRecords(dist, dump).find((r) => r.numero_fiche === id || r.code === id);
      expect(record, `${dump}: ${id}`).toEqual(expected[file]);
    }
    const index = JSON.parse(readFileSync(join(dist, 'api/v1/index.json'), 'utf8')) as { records: { id: string; title: string }[] };
    expect(index.records.find((r) => r.id === 'rncp39853')?.title).toBe(
      (expected['content/certifications/rncp39853.yaml'] as Record<string, any>).intitule,
    );
    expect(index.records.find((r) => r.id === 'k1704')?.title).toBe((expected['content/rome/k1704.yaml'] as Record<string, any>).intitule);
  });
});

describe('hostile content: search index', () => {
  /** Pagefind's fragments, in every bundle: gzip of "pagefind_dcd" and the JSON of one page (its text, title, filters). */
  const fragments = () =>
    filesUnder(join(dist, 'pagefind'), '.pf_fragment').map((path) => {
      const text = gunzipSync(readFileSync(path)).toString('utf8');
      expect(text.startsWith('pagefind_dcd')).toBe(true);
      return JSON.parse(text.slice('pagefind_dcd'.length)) as { url: string; content: string; meta: Record<string, string> };
    });

  it('holds the payloads of every hostile page as text, exactly', () => {
    const all = fragments();
    for (const { id } of HOSTILE_FICHES) expect(all.some((f) => f.url.includes(id.toLowerCase()) && HAS_MARKER.test(f.content))).toBe(true);
    // The index holds text, not markup: each payload whole, as the page's text node has it.
    const byMarker = leafByMarker();
    const indexed = new Set<string>();
    for (const fragment of all) {
      for (const marker of fragment.content.match(MARKER) ?? []) {
        const leaf = byMarker.get(marker)!;
        if (fragment.content.includes(leaf.value.replace(/\s+/g, ' ').trim())) indexed.add(marker);
      }
    }
    // Pagefind's results list inserts excerpts of it as markup, after escaping: the Chromium test below checks that.
    expect(indexed.size).toBeGreaterThan(40);
  });
});

describeInBrowser('hostile content: search results in Chromium', '', ({ browser }) => {
  it('show the payloads as text, run none of them and take no markup from them', async () => {
    const server = await serveDirectory(dist);
    const context = await browser().newContext({ locale: 'fr-FR' });
    try {
      const page = await context.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await page.goto(`${server.url}/recherche/?q=payload`);
      await page.waitForSelector('.pagefind-ui__result-excerpt', { timeout: 20_000 });
      // Results and their excerpts come in as fragments load.
      await page.waitForTimeout(1_500);
      const results = await page.evaluate(() => {
        const list = document.querySelector('#resultats')!;
        const elements = [...list.querySelectorAll('*')];
        return {
          text: list.textContent ?? '',
          tags: [...new Set(elements.map((e) => e.tagName.toLowerCase()))],
          handlers: elements.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName} ${a.name}`)),
          hrefs: [...list.querySelectorAll('[href], [src]')].map((e) => e.getAttribute('href') ?? e.getAttribute('src') ?? ''),
        };
      });
      expect(dialogs).toEqual([]);
      expect(results.text).toMatch(HAS_MARKER);
      expect(results.text).toMatch(/<script>alert\(|<img src=x onerror|<svg onload|<\/title>/);
      expect(results.tags.filter((tag) => ['script', 'img', 'iframe', 'svg', 'object', 'embed', 'title'].includes(tag))).toEqual([]);
      expect(results.handlers).toEqual([]);
      expect(results.hrefs.filter((href) => /^javascript:/.test(schemeOf(href)))).toEqual([]);
    } finally {
      await context.close();
      await server.close();
    }
  }, 60_000);
});

describe('hostile content: addresses', () => {
  it('a javascript: source address is rejected by the validator', () => {
    const original = readFileSync(join(FIXTURES, 'base/content/rome/a1001.yaml'), 'utf8');
    const doc = parseDocument(original);
    doc.setIn(['sources', 0, 'url'], doc.createNode('javascript:alert(1)'));
    const text = doc.toString();
    const line = text.split('\n').findIndex((l) => l.includes('javascript:alert(1)')) + 1;
    expect(line).toBeGreaterThan(0);
    const tree = makeTree({ files: { 'content/rome/a1001.yaml': text } });
    const errors = validateContent({ root: tree }).diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: 'content/rome/a1001.yaml',
          line,
          pointer: '/sources/0/url',
          rule: expect.stringMatching(/^schema\/(pattern|format)$/),
        }),
      ]),
    );
    // The same file with an https address is valid: the rejection is about the scheme.
    doc.setIn(['sources', 0, 'url'], doc.createNode('https://example.org/'));
    const good = makeTree({ files: { 'content/rome/a1001.yaml': doc.toString() } });
    expect(validateContent({ root: good }).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
