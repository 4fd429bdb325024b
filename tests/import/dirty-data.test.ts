/**
 * Real records with values the validator would reject, one problem per record (all built on the real FICHE
 * RNCP35809 or RS6547, renumbered): the record is still imported without the bad value, each bad value is
 * reported with its record, element, value and reason, and the resulting content/ passes the validator.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateContent } from '../../src/core/validation/validate-content.ts';
import { removeTrees } from '../helpers/content-tree.ts';
import {
  childOf,
  element,
  exportXml,
  importInto,
  leaf,
  lineOf,
  makeProject,
  officialName,
  readRecord,
  renumber,
  runImport,
  sampleFiche,
  setText,
  writeFile,
} from './import-fixtures.ts';
import type { Project, XmlNode } from './import-fixtures.ts';

afterAll(removeTrees);

/** The model FICHE, renumbered, then edited. */
function fiche(id: string, edit: (f: XmlNode) => void = () => {}): XmlNode {
  const f = renumber(sampleFiche('RNCP', 'RNCP35809'), id);
  edit(f);
  return f;
}

const DIRTY: XmlNode[] = [
  fiche('RNCP900001', (f) => setText(f, 'CERTIFICATEURS/CERTIFICATEUR/DATE_DERNIERE_MODIFICATION_ETAT', '31/02/2024')),
  fiche('RNCP900002', (f) => setText(f, 'DATE_FIN_ENREGISTREMENT', '2026-08-31')),
  fiche('RNCP900003', (f) => setText(f, 'ACTIF', 'Peut-être')),
  fiche('RNCP900004', (f) =>
    f.children.push(leaf('LIEN_URL_DESCRIPTION', 'https://www.exemple.fr/fiche    voir aussi la page    http://autre.exemple.fr/a?b=1')),
  ),
  fiche('RNCP900005', (f) => setText(f, 'CODES_ROME/ROME/CODE', 'K17O4')),
  fiche('RNCP900006', (f) => {
    const list = childOf(f, 'CERTIFICATEURS')!;
    list.children.push(structuredClone(list.children[0]));
  }),
  fiche('RNCP900007', (f) => f.children.push(leaf('DATE_DECISION', '01/10/2021'))),
  fiche('RNCP900008', (f) => setText(f, 'INTITULE', 'Première version')),
  fiche('RNCP900008', (f) => setText(f, 'INTITULE', 'Seconde version')),
  fiche('RNCP900009', (f) => setText(f, 'BLOCS_COMPETENCES/BLOC_COMPETENCES/CODE', 'RNCP35625BC01')),
  fiche('RNCP900010', (f) => setText(f, 'NUMERO_FICHE', 'RNCP-12')),
  fiche('RNCP900011', (f) => setText(f, 'INTITULE', '   ')),
];

const XML = exportXml(DIRTY);

/** The line of the n-th FICHE (0-based) of the export. */
const FICHE_LINES = XML.split('\n').flatMap((line, i) => (line === '  <FICHE>' ? [i + 1] : []));
const ficheLine = (n: number) => FICHE_LINES[n];

/** The line of a text inside the n-th FICHE (0-based). */
const lineInFiche = (n: number, search: string) => {
  const start =
    XML.split('\n')
      .slice(0, ficheLine(n) - 1)
      .join('\n').length + 1;
  return lineOf(XML.slice(start), search) + ficheLine(n) - 1;
};

let project: Project;
let report: Record<string, any>;
const record = (id: string) => readRecord(project, `certifications/${id.toLowerCase()}.yaml`);
const droppedOf = (id: string) => (report.dropped as Record<string, unknown>[]).filter((d) => d.record === id);

beforeAll(async () => {
  project = makeProject('empty');
  report = await importInto(project, writeFile(project.exports, officialName('RNCP'), XML));
});

describe('an export holding dirty values', () => {
  it('imports every record with a valid number once, and the result passes the validator', () => {
    expect(report.counts).toMatchObject({ read: DIRTY.length, added: 9 });
    for (let i = 1; i <= 9; i++) expect(existsSync(join(project.content, `certifications/rncp90000${i}.yaml`))).toBe(true);
    expect(validateContent({ root: project.root }).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('leaves out an impossible date (31/02/2024) and reports it where it is', () => {
    expect(record('RNCP900001').certificateurs[0]).not.toHaveProperty('date_derniere_modification_etat');
    expect(record('RNCP900001').certificateurs[0].nom).toBe("MINISTERE DE L'ENSEIGNEMENT SUPERIEUR ET DE LA RECHERCHE");
    expect(droppedOf('RNCP900001')).toEqual([
      expect.objectContaining({
        element: expect.stringMatching(/CERTIFICATEUR\/DATE_DERNIERE_MODIFICATION_ETAT$/),
        value: '31/02/2024',
        reason: expect.stringMatching(/impossible/),
        line: lineOf(XML, '31/02/2024'),
      }),
    ]);
  });

  it('leaves out a date not written JJ/MM/AAAA', () => {
    expect(record('RNCP900002').enregistrement).not.toHaveProperty('date_fin');
    expect(record('RNCP900002').enregistrement.date_effet).toBe('2021-09-01');
    expect(droppedOf('RNCP900002')).toEqual([
      expect.objectContaining({ element: 'DATE_FIN_ENREGISTREMENT', value: '2026-08-31', reason: expect.stringContaining('JJ/MM/AAAA') }),
    ]);
  });

  it('leaves out an ACTIF that is neither Oui nor Non', () => {
    expect(record('RNCP900003')).not.toHaveProperty('actif');
    expect(droppedOf('RNCP900003')).toEqual([
      expect.objectContaining({
        element: 'ACTIF',
        value: 'Peut-être',
        reason: expect.stringMatching(/Oui.*Non/),
        line: lineOf(XML, 'Peut-être'),
      }),
    ]);
  });

  it('keeps the addresses of a LIEN_URL_DESCRIPTION and reports the text between them', () => {
    expect(record('RNCP900004').liens_description).toEqual(['https://www.exemple.fr/fiche', 'http://autre.exemple.fr/a?b=1']);
    expect(droppedOf('RNCP900004')).toEqual([expect.objectContaining({ element: 'LIEN_URL_DESCRIPTION', value: 'voir aussi la page' })]);
  });

  it('leaves out a ROME code that is not one (K17O4), and makes no ROME sheet for it', () => {
    expect(record('RNCP900005').codes_rome).toEqual(['F1202']);
    expect(droppedOf('RNCP900005')).toEqual([expect.objectContaining({ element: expect.stringContaining('CODES_ROME'), value: 'K17O4' })]);
    expect(existsSync(join(project.content, 'rome/k17o4.yaml'))).toBe(false);
    // The label that went with the bad code names no sheet either.
    expect(readRecord(project, 'rome/f1202.yaml').intitule).toBe('Direction de chantier du BTP');
  });

  it('keeps a certifier listed twice only once, and reports the duplicate', () => {
    expect(record('RNCP900006').certificateurs).toHaveLength(1);
    expect(droppedOf('RNCP900006')).toEqual([expect.objectContaining({ element: expect.stringContaining('CERTIFICATEUR') })]);
  });

  it('leaves out one of a DATE_DECISION and a DATE_EFFET out of order, and reports it under its flow element', () => {
    const registration = record('RNCP900007').enregistrement;
    const left = ['date_decision', 'date_effet'].filter((field) => !(field in registration));
    expect(left).toHaveLength(1);
    const [field] = left;
    const { element: flowElement, value } = {
      date_decision: { element: 'DATE_DECISION', value: '2021-10-01' },
      date_effet: { element: 'DATE_EFFET', value: '2021-09-01' },
    }[field as 'date_decision' | 'date_effet'];
    expect(droppedOf('RNCP900007')).toEqual([expect.objectContaining({ value, reason: expect.stringContaining(field) })]);
    // Named and placed like the values the mapping drops: the flow element, at its own line.
    expect(droppedOf('RNCP900007')[0].element).toContain(flowElement);
    expect(droppedOf('RNCP900007')[0].line).toBe(lineInFiche(6, `<${flowElement}>${value.split('-').reverse().join('/')}`));
  });

  it('imports the first of two FICHEs with one number, and rejects the second at its line', () => {
    expect(record('RNCP900008').intitule).toBe('Première version');
    expect(report.rejected).toContainEqual(
      expect.objectContaining({ record: 'RNCP900008', reason: expect.stringContaining('double'), line: ficheLine(8) }),
    );
  });

  it('leaves out a block code of another record, keeping the block', () => {
    const [block] = record('RNCP900009').blocs;
    expect(block).not.toHaveProperty('code');
    expect(block.intitule).toBe('Répondre à un projet');
    expect(droppedOf('RNCP900009')).toEqual([
      expect.objectContaining({
        element: 'BLOCS_COMPETENCES/BLOC_COMPETENCES/CODE',
        value: 'RNCP35625BC01',
        line: lineInFiche(9, '<CODE>RNCP35625BC01</CODE>'),
      }),
    ]);
  });

  it('rejects a record whose number is not an RNCP number, or that has no title, writing no file for it', () => {
    expect(report.rejected).toContainEqual(
      expect.objectContaining({ record: 'RNCP-12', reason: expect.stringContaining('RNCP-12'), line: ficheLine(10) }),
    );
    expect(report.rejected).toContainEqual(
      expect.objectContaining({ record: 'RNCP900011', reason: expect.stringContaining('intitule'), line: ficheLine(11) }),
    );
    expect(existsSync(join(project.content, 'certifications/rncp900011.yaml'))).toBe(false);
    expect(report.rejected).toHaveLength(3);
  });

  it('lists every dropped value in the text report, with its record and line', async () => {
    const text = await runImport([join(project.exports, officialName('RNCP')), '--root', project.root, '--dry-run']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`RNCP900003 › ACTIF (ligne ${lineOf(XML, 'Peut-être')}) : « Peut-être »`);
    expect(text.stdout).toContain(
      `RNCP900001 › CERTIFICATEUR/DATE_DERNIERE_MODIFICATION_ETAT (ligne ${lineOf(XML, '31/02/2024')}) : « 31/02/2024 »`,
    );
  });
});

describe('RS records with what the RS schema cannot hold', () => {
  let rs: Project;
  let rsReport: Record<string, any>;
  const blocks = () => structuredClone(childOf(sampleFiche('RNCP', 'RNCP35809'), 'BLOCS_COMPETENCES')!);

  beforeAll(async () => {
    rs = makeProject('empty');
    const withBlocks = renumber(sampleFiche('RS', 'RS6547'), 'RS900001');
    withBlocks.children.push(blocks());
    const unsure = renumber(sampleFiche('RS', 'RS6547'), 'RS900002');
    setText(unsure, 'ACTIF', 'Peut-être');
    rsReport = await importInto(rs, writeFile(rs.exports, officialName('RS'), exportXml([withBlocks, unsure])));
  });

  it('imports an RS record holding BLOCS_COMPETENCES without the blocks, and reports them', () => {
    const data = readRecord(rs, 'rs/rs900001.yaml');
    expect(data).not.toHaveProperty('blocs');
    expect(data.intitule).toBe('Enseigner l’anglais (CELTA)');
    expect(rsReport.dropped.filter((d: { record: string }) => d.record === 'RS900001')).toEqual([
      expect.objectContaining({ element: 'BLOCS_COMPETENCES', reason: expect.stringContaining('blocs') }),
    ]);
  });

  it('rejects an RS record whose ACTIF (required by the RS schema) is unreadable, reporting the value', () => {
    expect(existsSync(join(rs.content, 'rs/rs900002.yaml'))).toBe(false);
    expect(rsReport.dropped).toContainEqual(expect.objectContaining({ record: 'RS900002', element: 'ACTIF', value: 'Peut-être' }));
    expect(rsReport.rejected).toEqual([expect.objectContaining({ record: 'RS900002', reason: expect.stringContaining('actif') })]);
    expect(validateContent({ root: rs.root }).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('flow values with nowhere to go (found by tests/import/robustness.test.ts)', () => {
  let lost: Project;
  let lostReport: Record<string, any>;
  const romeList = (f: XmlNode, rome: XmlNode[]) => {
    f.children = f.children.filter((c) => c.name !== 'CODES_ROME');
    if (rome.length > 0) f.children.push(element('CODES_ROME', rome));
  };
  const noLabel = fiche('RNCP900021', (f) => romeList(f, [element('ROME', [leaf('CODE', 'F1201')])]));
  const noCode = fiche('RNCP900022', (f) => romeList(f, [element('ROME', [leaf('LIBELLE', 'Direction de chantier du BTP')])]));
  const twoTitles = fiche('RNCP900023', (f) => {
    romeList(f, []);
    f.children.splice(f.children.indexOf(childOf(f, 'INTITULE')!) + 1, 0, leaf('INTITULE', 'Second intitulé'));
  });
  const lostRecord = (id: string) => readRecord(lost, `certifications/${id.toLowerCase()}.yaml`);
  const reportText = () =>
    JSON.stringify({ dropped: lostReport.dropped, rejected: lostReport.rejected, notImported: lostReport.notImported });

  beforeAll(async () => {
    lost = makeProject('empty');
    lostReport = await importInto(lost, writeFile(lost.exports, officialName('RNCP'), exportXml([noLabel, noCode, twoTitles])));
  });

  it('does not cite a ROME code published without its label, for which it can write no sheet', () => {
    // F1201 comes without LIBELLE: no ROME sheet can be written for it (its title is required).
    expect(existsSync(join(lost.content, 'rome/f1201.yaml'))).toBe(false);
    expect(validateContent({ root: lost.root }).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(reportText()).toContain('F1201');
  });

  it('reports a ROME label published without its code', () => {
    expect(lostRecord('RNCP900022')).not.toHaveProperty('codes_rome');
    expect(reportText()).toContain('Direction de chantier du BTP');
  });

  it('reports a second INTITULE it does not import', () => {
    expect(lostRecord('RNCP900023').intitule).toBe('Finition, aménagement des bâtiments : conception et réalisation');
    expect(lostReport.dropped).toContainEqual(
      expect.objectContaining({ record: 'RNCP900023', element: 'INTITULE', value: 'Second intitulé' }),
    );
  });
});
