/**
 * The benchmark's synthetic flow export (bench/flow-xml.ts) is well-formed XML shaped like the official one:
 * version 4.1, one FICHE per record, only element paths the real samples use, valid codes and dates, and the
 * same bytes for the same seed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SaxesParser } from 'saxes';
import { afterAll, describe, expect, it } from 'vitest';
import { exportFileName, luhnComplete, ROME_POOL, writeFlowExports } from '../bench/flow-xml.ts';
import type { FlowExport } from '../bench/flow-xml.ts';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const SAMPLES = { RNCP: join(PROJECT_ROOT, 'data/flux/rncp-export-sample.xml'), RS: join(PROJECT_ROOT, 'data/flux/rs-export-sample.xml') };

interface Element {
  name: string;
  text: string;
  children: Element[];
}

interface ParsedFlow {
  rootName: string;
  /** Children of the root, in order. */
  top: Element[];
  /** Every element path, "FICHES/FICHE/CODES_ROME/ROME/CODE". */
  paths: Set<string>;
}

/** Parses a whole file with saxes (which throws on malformed XML), keeping the tree and the element paths. */
function parseFlow(path: string): ParsedFlow {
  const parser = new SaxesParser();
  const stack: Element[] = [];
  const names: string[] = [];
  const paths = new Set<string>();
  let root: Element | undefined;
  parser.on('opentag', (tag) => {
    const element: Element = { name: tag.name, text: '', children: [] };
    expect(Object.keys(tag.attributes), `${tag.name} has no attributes`).toEqual([]);
    stack[stack.length - 1]?.children.push(element);
    root ??= element;
    stack.push(element);
    names.push(tag.name);
    paths.add(names.join('/'));
  });
  parser.on('text', (text) => {
    if (stack.length > 0) stack[stack.length - 1].text += text;
  });
  parser.on('closetag', () => {
    stack.pop();
    names.pop();
  });
  parser.on('error', (error) => {
    throw error;
  });
  parser.write(readFileSync(path, 'utf8')).close();
  return { rootName: root!.name, top: root!.children, paths };
}

const child = (e: Element, name: string) => e.children.find((c) => c.name === name);
const children = (e: Element | undefined, name: string) => e?.children.filter((c) => c.name === name) ?? [];
const textOf = (e: Element, name: string) => child(e, name)?.text;
/** Every element of that name anywhere under e. */
const deep = (e: Element, name: string): Element[] => e.children.flatMap((c) => [...(c.name === name ? [c] : []), ...deep(c, name)]);
/** "31/08/2026" → day number, checking the date exists. */
function day(value: string): number {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  expect(m, value).not.toBeNull();
  const [d, mo, y] = [Number(m![1]), Number(m![2]), Number(m![3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  expect(date.getUTCDate() === d && date.getUTCMonth() === mo - 1, `${value} is a real date`).toBe(true);
  return date.getTime() / 86_400_000;
}
const luhn = (digits: string) => luhnComplete(digits.slice(0, -1)) === digits;

const dirs: string[] = [];
function generate(rncp: number, rs: number, seed: number): FlowExport {
  const dir = mkdtempSync(join(tmpdir(), 'certidocs-flow-'));
  dirs.push(dir);
  return writeFlowExports(dir, { rncp, rs, seed });
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const samples = { RNCP: parseFlow(SAMPLES.RNCP), RS: parseFlow(SAMPLES.RS) };

describe('bench/flow-xml.ts', () => {
  const files = generate(20, 5, 7);
  const flows = { RNCP: parseFlow(files.rncp.path), RS: parseFlow(files.rs.path) };
  const fiches = { RNCP: flows.RNCP.top.filter((e) => e.name === 'FICHE'), RS: flows.RS.top.filter((e) => e.name === 'FICHE') };

  it('writes the two files under their official names', () => {
    expect(basename(files.rncp.path)).toBe('export_fiches_RNCP_V4_1_2026-08-16.xml');
    expect(basename(files.rs.path)).toBe(exportFileName('RS'));
    expect(files.rncp.bytes).toBe(readFileSync(files.rncp.path).length);
  });

  it('writes well-formed XML: root FICHES, VERSION_FLUX 4.1 first, then one FICHE per record', () => {
    for (const [kind, count] of [
      ['RNCP', 20],
      ['RS', 5],
    ] as const) {
      const flow = flows[kind];
      expect(flow.rootName).toBe('FICHES');
      expect(flow.top[0].name).toBe('VERSION_FLUX');
      expect(flow.top[0].text).toBe('4.1');
      expect(flow.top.slice(1).map((e) => e.name)).toEqual(Array(count).fill('FICHE'));
      expect(readFileSync(kind === 'RNCP' ? files.rncp.path : files.rs.path, 'utf8')).toMatch(
        /^<\?xml version="1\.0" encoding="UTF-8" standalone="no"\?>\n<FICHES>\n {2}<VERSION_FLUX>4\.1<\/VERSION_FLUX>\n {2}<FICHE>\n/,
      );
    }
  });

  it('uses only element paths that the real samples of the same registry use', () => {
    for (const kind of ['RNCP', 'RS'] as const) {
      const unknown = [...flows[kind].paths].filter((p) => !samples[kind].paths.has(p));
      expect(unknown, kind).toEqual([]);
    }
    // And a good share of them: the generator is not a thin subset of the flow.
    expect(flows.RNCP.paths.size).toBeGreaterThan(samples.RNCP.paths.size * 0.8);
  });

  it('keeps the order of elements the real samples have', () => {
    // The order of a FICHE's children in the samples, merged over all records: a generated record follows it.
    for (const kind of ['RNCP', 'RS'] as const) {
      const before = new Set<string>();
      for (const fiche of samples[kind].top.filter((e) => e.name === 'FICHE')) {
        const names = fiche.children.map((c) => c.name);
        names.forEach((a, i) => names.slice(i + 1).forEach((b) => before.add(`${a}<${b}`)));
      }
      for (const fiche of fiches[kind]) {
        const names = fiche.children.map((c) => c.name);
        names.forEach((a, i) =>
          names.slice(i + 1).forEach((b) => expect(before.has(`${b}<${a}`), `${kind}: ${b} before ${a}`).toBe(false)),
        );
      }
    }
  });

  it('writes valid data: numbers, codes, SIRET, dates in order, percentages', () => {
    const romeLabels = new Map(ROME_POOL.map((r) => [r.code, r.label]));
    for (const kind of ['RNCP', 'RS'] as const) {
      const numbers = fiches[kind].map((f) => textOf(f, 'NUMERO_FICHE')!);
      expect(new Set(numbers).size).toBe(numbers.length);
      for (const fiche of fiches[kind]) {
        const numero = textOf(fiche, 'NUMERO_FICHE')!;
        expect(numero).toMatch(kind === 'RNCP' ? /^RNCP\d{1,6}$/ : /^RS\d{1,6}$/);
        expect(textOf(fiche, 'ID_FICHE')).toMatch(/^[1-9]\d*$/);
        for (const rome of deep(fiche, 'ROME')) {
          expect(textOf(rome, 'CODE')).toMatch(/^[A-Z][0-9]{4}$/);
          expect(textOf(rome, 'LIBELLE')).toBe(romeLabels.get(textOf(rome, 'CODE')!));
        }
        expect(children(child(fiche, 'CODES_ROME'), 'ROME').length).toBeLessThanOrEqual(5);
        children(child(fiche, 'BLOCS_COMPETENCES'), 'BLOC_COMPETENCES').forEach((bloc, i) =>
          expect(textOf(bloc, 'CODE')).toBe(`${numero}BC${String(i + 1).padStart(2, '0')}`),
        );
        for (const nsf of deep(fiche, 'NSF')) expect(textOf(nsf, 'CODE')).toMatch(/^[0-9]{3}[a-z]?$/);
        for (const formacode of deep(fiche, 'FORMACODE')) expect(textOf(formacode, 'CODE')).toMatch(/^[0-9]{5}$/);
        for (const siret of [...deep(fiche, 'SIRET_CERTIFICATEUR'), ...deep(fiche, 'SIRET_PARTENAIRE')]) {
          expect(siret.text).toMatch(/^[0-9]{14}$/);
          expect(luhn(siret.text), siret.text).toBe(true);
        }
        for (const name of ['TAUX_INSERTION_GLOBAL_6MOIS', 'TAUX_INSERTION_METIER_2ANS']) {
          for (const rate of deep(fiche, name))
            expect(Number(rate.text)).toSatisfy((n: number) => Number.isInteger(n) && n >= 0 && n <= 100);
        }
        const years = deep(fiche, 'STATISTIQUES_PROMOTION').map((s) => textOf(s, 'ANNEE'));
        expect(new Set(years).size).toBe(years.length);
        for (const e of fiche.children.filter((c) => c.name.startsWith('DATE'))) day(e.text);
        for (const e of ['DATE_DERNIERE_MODIFICATION_ETAT', 'DATE_ACTIF', 'DATE_PUBLICATION_JO', 'DATE_DERNIERE_MODIFICATION']) {
          for (const date of deep(fiche, e)) day(date.text);
        }
        const [decision, effect, end] = ['DATE_DECISION', 'DATE_EFFET', 'DATE_FIN_ENREGISTREMENT'].map((n) => {
          const value = textOf(fiche, n);
          return value === undefined ? undefined : day(value);
        });
        expect(end).toBeDefined();
        expect(decision ?? effect).toBeDefined();
        if (decision !== undefined && effect !== undefined) expect(decision).toBeLessThanOrEqual(effect);
        expect(effect ?? decision!).toBeLessThan(end!);
        expect(['Oui', 'Non']).toContain(textOf(fiche, 'ACTIF'));
        expect(textOf(fiche, 'EXISTENCE_PARTENAIRES')).toBe(child(fiche, 'PARTENAIRES') ? 'Oui' : 'Non');
        for (const jury of fiche.children.filter((c) => c.name.startsWith('SI_JURY_')))
          expect(['Oui', 'Non']).toContain(textOf(jury, 'ACTIF'));
      }
    }
  });

  it('links some generated records to each other, both ways', () => {
    for (const kind of ['RNCP', 'RS'] as const) {
      const byNumber = new Map(fiches[kind].map((f) => [textOf(f, 'NUMERO_FICHE')!, f]));
      const pairs: [string, string][] = [];
      for (const [numero, fiche] of byNumber) {
        for (const newer of deep(fiche, 'ID_FICHE_NOUVELLE_CERTIFICATION').map((e) => e.text)) {
          const other = byNumber.get(newer);
          expect(other, `${numero} → ${newer}`).toBeDefined();
          expect(deep(other!, 'ID_FICHE_ANCIENNE_CERTIFICATION').map((e) => e.text)).toContain(numero);
          pairs.push([numero, newer]);
        }
      }
      expect(pairs.length, kind).toBeGreaterThan(0);
    }
    for (const fiche of fiches.RNCP) {
      for (const destination of deep(fiche, 'DESTINATION')) {
        const other = fiches.RNCP.find((f) => textOf(f, 'NUMERO_FICHE') === textOf(destination, 'NUMERO_FICHE'));
        expect(other).toBeDefined();
        const codes = deep(other!, 'BLOC_COMPETENCES').map((b) => textOf(b, 'CODE'));
        for (const bloc of children(destination, 'BLOC_COMPETENCES')) expect(codes).toContain(textOf(bloc, 'CODE'));
      }
    }
  });

  it('writes the same bytes for the same seed, and other records for another seed', () => {
    const again = generate(20, 5, 7);
    expect(readFileSync(again.rncp.path).equals(readFileSync(files.rncp.path))).toBe(true);
    expect(readFileSync(again.rs.path).equals(readFileSync(files.rs.path))).toBe(true);
    const other = generate(20, 5, 8);
    expect(readFileSync(other.rncp.path).equals(readFileSync(files.rncp.path))).toBe(false);
  });

  it('has realistic sizes and the dirt of real data at a few hundred records', () => {
    const larger = generate(400, 100, 1);
    const rncp = readFileSync(larger.rncp.path, 'utf8');
    const parsed = parseFlow(larger.rncp.path).top.filter((e) => e.name === 'FICHE');
    // About 18 KB per RNCP record and 8 KB per RS record on average (bench/README.md).
    expect(larger.rncp.bytes / 400 / 1000).toSatisfy((kb: number) => kb > 14 && kb < 23);
    expect(larger.rs.bytes / 100 / 1000).toSatisfy((kb: number) => kb > 6 && kb < 11);
    // A long tail: records with a hundred partners or more.
    expect(Math.max(...parsed.map((f) => deep(f, 'PARTENAIRE').length))).toBeGreaterThanOrEqual(100);
    // Text escaped in the file, and read back as written.
    expect(rncp).toContain('&amp;');
    expect(rncp).toMatch(/&[lg]t;/);
    expect(rncp).not.toMatch(/&(?!amp;|lt;|gt;)/);
    const texts = parsed.flatMap((f) => f.children.map((c) => c.text));
    expect(texts.some((t) => /R&D|Plan & Do/.test(t))).toBe(true);
    expect(texts.some((t) => / [<>] /.test(t))).toBe(true);
    // Flattened line breaks and bullets.
    expect(texts.some((t) => / {4,}\* /.test(t))).toBe(true);
    expect(texts.some((t) => / {2}- /.test(t))).toBe(true);
    // Several addresses in LIEN_URL_DESCRIPTION, separated by runs of spaces; now and then one that is not an address.
    const links = parsed.map((f) => textOf(f, 'LIEN_URL_DESCRIPTION')).filter((l): l is string => l !== undefined);
    expect(links.some((l) => /^https:\/\/\S+ {2,}https?:\/\/\S+/.test(l))).toBe(true);
    expect(links.some((l) => l.split(/ {2,}/).some((part) => !/^https?:\/\//.test(part)))).toBe(true);
  });
});
