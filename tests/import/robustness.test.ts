/**
 * Property-based robustness of the import on records it has not seen (fast-check): real FICHEs of the bundled
 * samples, mutated (elements removed, emptied, duplicated or renamed, dates swapped, texts replaced with
 * markup characters, quotes, very long or unusual unicode text), written as an export and imported. The import
 * never throws, never writes a file the validator rejects, accounts for every record, keeps free text as
 * published, and reports every value of the flow it does not keep.
 *
 * IMPORT_FUZZ_RUNS=300 npx vitest run tests/import/robustness.test.ts searches deeper; IMPORT_FUZZ_SEED=n changes the cases.
 */
import { mkdirSync, rmSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { importExport } from '../../src/core/import/import-export.ts';
import type { ImportReport } from '../../src/core/import/import-report.ts';
import { createContentValidator } from '../../src/core/validation/validate-content.ts';
import { removeTrees } from '../helpers/content-tree.ts';
import { childrenOf, exportXml, makeProject, officialName, readRecord, sampleFiches, writeFile } from './import-fixtures.ts';
import type { Registry, XmlNode } from './import-fixtures.ts';

afterAll(removeTrees);

const RUNS = Number(process.env.IMPORT_FUZZ_RUNS ?? 30) || 30;
const SEED = Number(process.env.IMPORT_FUZZ_SEED ?? 20260816);

// ---------------------------------------------------------------------------------------------------------
// Mutations

type Mutation =
  | { op: 'remove' | 'empty' | 'duplicate' | 'rename'; target: number }
  | { op: 'swap-dates'; target: number; other: number }
  | { op: 'set-text'; target: number; text: string | { long: number } };

/** Characters XML 1.0 cannot hold at all, which no export can contain. */
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const hostileText = fc.oneof(
  fc.constantFrom(
    '<',
    '&',
    '"',
    "'",
    '<b>gras</b> & "guillemets" \'simples\'',
    ']]>',
    '&amp;lt;',
    '31/02/2024',
    '2024-01-31',
    '29/02/2023',
    '01/01/2030',
    'Oui',
    'Non',
    'Peut-être',
    'K17O4',
    'RNCP35625BC01',
    'https://exemple.fr/page texte https://exemple.fr/autre',
    '   ',
    '12,5',
    '-3',
    'Ünïcødé ‮ inversé 😀 👩🏽‍🔧 \u00a0 \u2028 fin',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }).map((text) => text.replace(NOT_XML, '?')),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  // Written out when the mutation is applied, so that a counterexample stays readable.
  fc.record({ long: fc.integer({ min: 2_000, max: 30_000 }) }),
);

const textOf = (text: string | { long: number }) =>
  typeof text === 'string' ? text : 'Très long texte. '.repeat(Math.ceil(text.long / 17)).slice(0, text.long);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('remove', 'empty', 'duplicate', 'rename'), target: fc.nat() }) as fc.Arbitrary<Mutation>,
  fc.record({ op: fc.constant('swap-dates' as const), target: fc.nat(), other: fc.nat() }),
  fc.record({ op: fc.constant('set-text' as const), target: fc.nat(), text: hostileText }),
  // Texts are the most common place for surprises: set them more often.
  fc.record({ op: fc.constant('set-text' as const), target: fc.nat(), text: hostileText }),
);

/** Every element below a FICHE with its parent, in document order. */
function descendants(node: XmlNode): { node: XmlNode; parent: XmlNode }[] {
  return node.children.flatMap((child) => [{ node: child, parent: node }, ...descendants(child)]);
}

function mutate(fiche: XmlNode, m: Mutation): void {
  const all = descendants(fiche);
  if (all.length === 0) return;
  const { node, parent } = all[m.target % all.length];
  const index = parent.children.indexOf(node);
  switch (m.op) {
    case 'remove':
      parent.children.splice(index, 1);
      break;
    case 'empty':
      node.children = [];
      node.text = '';
      break;
    case 'duplicate':
      parent.children.splice(index + 1, 0, structuredClone(node));
      break;
    case 'rename':
      // Only a FICHE's own children: the mapping reports unknown elements at that level.
      if (parent === fiche) node.name = 'ELEMENT_INCONNU';
      break;
    case 'swap-dates': {
      const dates = all.filter((e) => e.node.children.length === 0 && e.node.name.startsWith('DATE_'));
      if (dates.length < 2) break;
      const a = dates[m.target % dates.length].node;
      const b = dates[m.other % dates.length].node;
      [a.text, b.text] = [b.text, a.text];
      break;
    }
    case 'set-text':
      if (node.children.length === 0) node.text = textOf(m.text);
      break;
  }
}

// ---------------------------------------------------------------------------------------------------------
// What the report and the files must account for

/** A text as an XML parser hands it over (line ends normalised) and as the importer keeps it (trimmed). */
const published = (text: string) => text.replace(/\r\n?/g, '\n').trim();

const isoOf = (text: string): string | undefined => {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  if (!match) return undefined;
  const iso = `${match[3]}-${match[2]}-${match[1]}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : undefined;
};

function valuesIn(data: unknown, strings: Set<string>, numbers: Set<number>): void {
  if (typeof data === 'string') strings.add(data);
  else if (typeof data === 'number') numbers.add(data);
  else if (data && typeof data === 'object') for (const value of Object.values(data)) valuesIn(value, strings, numbers);
}

/** Free-text elements of a FICHE and the field that keeps them verbatim, in both registries' schemas. */
const FREE_TEXT: Record<string, string> = {
  INTITULE: 'intitule',
  OBJECTIFS_CONTEXTE: 'objectifs',
  ACTIVITES_VISEES: 'activites_visees',
  CAPACITES_ATTESTEES: 'capacites_attestees',
  REGLEMENTATIONS_ACTIVITES: 'reglementations_activites',
};

const REGISTRATION_DATES = [
  'DATE_DECISION',
  'DATE_EFFET',
  'DATE_FIN_ENREGISTREMENT',
  'DATE_LIMITE_DELIVRANCE',
  'DATE_DERNIER_JO',
  'DATE_DE_PUBLICATION',
];

interface Context {
  report: ImportReport;
  /** The written record of each imported number. */
  records: Map<string, Record<string, any>>;
  romeLabels: Set<string>;
}

/**
 * Problems with one imported FICHE: a free text not kept as published, a bad registration date not reported,
 * and any leaf value of the flow that is neither in the record (as text, ISO date, number or boolean) nor
 * reported (dropped value, unknown element, ROME label).
 */
function ficheProblems(fiche: XmlNode, id: string, context: Context): string[] {
  const problems: string[] = [];
  const data = context.records.get(id)!;
  const dropped = context.report.dropped.filter((d) => d.record === id);
  const unknown = new Set(context.report.unknownElements.map((u) => u.name));
  const strings = new Set<string>();
  const numbers = new Set<number>();
  valuesIn(data, strings, numbers);

  for (const [name, field] of Object.entries(FREE_TEXT)) {
    const [first] = childrenOf(fiche, name);
    if (first && first.children.length === 0 && /\S/.test(published(first.text)) && data[field] !== published(first.text)) {
      problems.push(`${name} ${JSON.stringify(published(first.text).slice(0, 60))} is not kept as published in ${field}`);
    }
  }
  for (const name of REGISTRATION_DATES) {
    const [first] = childrenOf(fiche, name);
    const text = first ? published(first.text) : '';
    if (text !== '' && !isoOf(text) && !dropped.some((d) => d.value === text))
      problems.push(`${name} ${JSON.stringify(text)} is neither imported nor reported`);
  }

  const reported = (text: string, path: string[]) =>
    dropped.some((d) => {
      const value = d.value.endsWith('…') ? d.value.slice(0, -1) : d.value;
      const json = JSON.stringify(text).slice(1, -1);
      if (d.value === text || (value !== '' && (value.includes(text) || value.includes(json) || text.includes(value)))) return true;
      // A whole object left out is shown as its JSON, cut at 200 characters: its later fields are in the cut.
      return d.value.endsWith('…') && path.some((name) => d.element.split(/[/ ]/)[0] === name);
    });
  const accounted = (text: string, path: string[]): boolean => {
    if (strings.has(text) || reported(text, path) || unknown.has(path[0])) return true;
    const iso = isoOf(text);
    if (iso && (strings.has(iso) || reported(iso, path))) return true;
    if (text === 'Oui' || text === 'Non') return true;
    if (/^\d+([.,]\d+)?$/.test(text) && numbers.has(Number(text.replace(',', '.')))) return true;
    if (path.at(-2) === 'ROME' && path.at(-1) === 'LIBELLE')
      return context.romeLabels.has(text) || dropped.some((d) => d.element.includes('CODES_ROME'));
    // Several addresses in one element: each piece is an address kept or text reported.
    if (path[0] === 'LIEN_URL_DESCRIPTION') return text.split(/\s+/).every((token) => strings.has(token) || reported(token, path));
    return false;
  };
  const walk = (node: XmlNode, path: string[]) => {
    for (const child of node.children) {
      const at = [...path, child.name];
      if (child.children.length > 0) walk(child, at);
      else if (published(child.text) !== '' && !accounted(published(child.text), at)) {
        problems.push(`${at.join('/')} ${JSON.stringify(published(child.text).slice(0, 80))} is neither in ${id}'s file nor in the report`);
      }
    }
  };
  walk(fiche, []);
  return problems;
}

// ---------------------------------------------------------------------------------------------------------

const project = makeProject('empty');
const validator = createContentValidator({ root: project.root });
const FOLDER: Record<Registry, string> = { RNCP: 'certifications', RS: 'rs' };
const PATTERN: Record<Registry, RegExp> = { RNCP: /^RNCP[0-9]{1,6}$/, RS: /^RS[0-9]{1,6}$/ };

/** Imports FICHEs into the (emptied) project and returns the problems found. */
async function importProblems(registry: Registry, fiches: XmlNode[]): Promise<string[]> {
  rmSync(project.content, { recursive: true, force: true });
  mkdirSync(project.content);
  const file = writeFile(project.exports, officialName(registry), exportXml(fiches));
  const report = await importExport({ root: project.root, contentDir: project.content, file });

  const problems: string[] = [];
  const errors = validator.validate().diagnostics.filter((d) => d.severity === 'error');
  problems.push(...errors.map((d) => `validator: ${d.file}:${d.line}:${d.column} ${d.message}`));
  const { counts } = report;
  if (counts.read !== fiches.length) problems.push(`read ${counts.read} FICHEs of ${fiches.length}`);
  if (counts.added + report.rejected.length + report.notImported.length !== counts.read) {
    problems.push(
      `${counts.read} FICHEs read, ${counts.added} added, ${report.rejected.length} rejected, ${report.notImported.length} not imported`,
    );
  }
  for (const fiche of fiches)
    if (fiche.children.some((c) => c.name === 'ELEMENT_INCONNU') && !report.unknownElements.some((u) => u.name === 'ELEMENT_INCONNU'))
      problems.push('ELEMENT_INCONNU is not reported');

  const records = new Map<string, Record<string, any>>();
  const imported: [XmlNode, string][] = [];
  for (const fiche of fiches) {
    const id = published(childrenOf(fiche, 'NUMERO_FICHE')[0]?.text ?? '');
    if (!PATTERN[registry].test(id) || records.has(id) || report.rejected.some((r) => r.record === id)) continue;
    records.set(id, readRecord(project, `${FOLDER[registry]}/${id.toLowerCase()}.yaml`));
    imported.push([fiche, id]);
  }
  const romeLabels = new Set<string>();
  for (const choice of report.romeLabels) for (const other of choice.others) romeLabels.add(other.label);
  for (const code of new Set([...records.values()].flatMap((r) => (r.codes_rome as string[] | undefined) ?? []))) {
    romeLabels.add(readRecord(project, `rome/${code.toLowerCase()}.yaml`).intitule);
  }
  for (const [fiche, id] of imported) problems.push(...ficheProblems(fiche, id, { report, records, romeLabels }));
  return problems;
}

describe('the import of mutated real records', () => {
  it('accounts for every value of the unmutated samples', async () => {
    for (const registry of ['RNCP', 'RS'] as const) expect(await importProblems(registry, sampleFiches(registry))).toEqual([]);
  });

  it(
    'never throws, never writes an invalid file, and reports what it leaves out',
    async () => {
      const samples = { RNCP: sampleFiches('RNCP'), RS: sampleFiches('RS') };
      const exportCase = fc.constantFrom<Registry>('RNCP', 'RS').chain((registry) =>
        fc.record({
          registry: fc.constant(registry),
          fiches: fc.array(
            fc.record({ sample: fc.nat(samples[registry].length - 1), mutations: fc.array(mutation, { minLength: 1, maxLength: 6 }) }),
            {
              minLength: 1,
              maxLength: 3,
            },
          ),
        }),
      );
      await fc.assert(
        fc.asyncProperty(exportCase, async ({ registry, fiches }) => {
          const mutated = fiches.map(({ sample, mutations }) => {
            const fiche = structuredClone(samples[registry][sample]);
            for (const m of mutations) mutate(fiche, m);
            return fiche;
          });
          expect(await importProblems(registry, mutated)).toEqual([]);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    },
    Math.max(60_000, RUNS * 2_000),
  );
});
