/**
 * Re-importing keeps what the editor owns and rewrites what the flow owns (the schemas' "x-proprietaire"):
 * notes and corrections stay, a hand-edited flow field goes back to the flow's value and is listed in the
 * report's changes, a correction the flow no longer matches is reported as stale. A file that cannot be read
 * is left alone and reported; records the export no longer holds are marked, never deleted; hand-typed
 * records without a flow source are never marked, and keep their editor fields when the flow brings them.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { validateContent } from '../../src/core/validation/validate-content.ts';
import { removeTrees } from '../helpers/content-tree.ts';
import {
  exportXml,
  hashTree,
  importInto,
  makeProject,
  officialName,
  readRecord,
  renumber,
  sampleFiche,
  sampleFiches,
  textOf,
  writeFile,
} from './import-fixtures.ts';
import type { Project } from './import-fixtures.ts';

afterAll(removeTrees);

const errorsOf = (root: string) => validateContent({ root }).diagnostics.filter((d) => d.severity === 'error');

/** Rewrites a record file with an edit of its data (the YAML library's own layout, as an editor may leave it). */
function editRecord(project: Project, path: string, edit: (data: Record<string, any>) => void): void {
  const data = readRecord(project, path);
  edit(data);
  const modeline = readFileSync(join(project.content, path), 'utf8').split('\n')[0];
  writeFileSync(join(project.content, path), `${modeline}\n${stringify(data, { lineWidth: 0 })}`);
}

/** The three sample records these tests edit, as an export (the others would only make them slower). */
const EXTRACT = ['RNCP34762', 'RNCP35809', 'RNCP35625'];
const extract = (ids = EXTRACT) => exportXml(sampleFiches('RNCP').filter((f) => ids.includes(textOf(f, 'NUMERO_FICHE'))));
const writeExtract = (project: Project, name = 'rncp-extrait.xml', ids = EXTRACT) => writeFile(project.exports, name, extract(ids));

const FLOW_TITLE = textOf(sampleFiche('RNCP', 'RNCP35625'), 'INTITULE');
const FLOW_TITLE_34762 = textOf(sampleFiche('RNCP', 'RNCP34762'), 'INTITULE');

describe('a re-import over edited records', () => {
  it('keeps notes and corrections, puts a hand-edited flow field back, and lists that change', async () => {
    const project = makeProject('empty');
    const file = writeExtract(project);
    await importInto(project, file);
    editRecord(project, 'certifications/rncp35625.yaml', (data) => {
      data.intitule = 'Diplôme Arts et Techniques du Théâtre, parcours conception lumière';
      data.notes_editoriales = ['Intitulé abrégé d’après la page de l’école.'];
      data.corrections = [{ champ: '/intitule', valeur_publiee: FLOW_TITLE, motif: 'Le sigle (ATT) est répété dans la page de l’école.' }];
    });
    editRecord(project, 'certifications/rncp34762.yaml', (data) => {
      data.intitule = 'Programme Grande École (modifié à la main)';
    });
    const corrected = readFileSync(join(project.content, 'certifications/rncp35625.yaml'), 'utf8');

    const report = await importInto(project, file);
    expect(report.counts).toMatchObject({ read: 3, changed: 1, unchanged: 2, added: 0 });
    expect(report.staleCorrections).toEqual([]);
    // The corrected record is the editor's version, untouched.
    expect(readFileSync(join(project.content, 'certifications/rncp35625.yaml'), 'utf8')).toBe(corrected);
    const kept = readRecord(project, 'certifications/rncp35625.yaml');
    expect(kept.intitule).toBe('Diplôme Arts et Techniques du Théâtre, parcours conception lumière');
    expect(kept.notes_editoriales).toEqual(['Intitulé abrégé d’après la page de l’école.']);
    expect(kept.corrections).toHaveLength(1);

    expect(readRecord(project, 'certifications/rncp34762.yaml').intitule).toBe(FLOW_TITLE_34762);
    expect(report.changes).toEqual([
      expect.objectContaining({
        kind: 'changed',
        id: 'RNCP34762',
        file: 'content/certifications/rncp34762.yaml',
        changes: [
          expect.objectContaining({
            op: 'set',
            pointer: '/intitule',
            before: 'Programme Grande École (modifié à la main)',
            after: FLOW_TITLE_34762,
          }),
        ],
      }),
    ]);
    expect(errorsOf(project.root)).toEqual([]);
  });

  it('reports a correction whose published value the flow no longer publishes, and keeps the corrected value', async () => {
    const project = makeProject('empty');
    const file = writeExtract(project);
    await importInto(project, file);
    editRecord(project, 'certifications/rncp35625.yaml', (data) => {
      data.intitule = 'Intitulé corrigé';
      data.corrections = [{ champ: '/intitule', valeur_publiee: 'Intitulé publié autrefois', motif: 'Coquille dans le flux.' }];
    });
    const report = await importInto(project, file);
    expect(report.staleCorrections).toEqual([
      expect.objectContaining({
        record: 'RNCP35625',
        file: 'content/certifications/rncp35625.yaml',
        pointer: '/intitule',
        noted: 'Intitulé publié autrefois',
        published: FLOW_TITLE,
      }),
    ]);
    expect(readRecord(project, 'certifications/rncp35625.yaml').intitule).toBe('Intitulé corrigé');
  });

  it('leaves a record file that is not valid YAML untouched, and reports it with its line', async () => {
    const project = makeProject('empty');
    const file = writeExtract(project);
    await importInto(project, file);
    const broken = '# yaml-language-server: $schema=../../schemas/certification.schema.json\nnumero_fiche: RNCP35809\nintitule: [\n';
    writeFileSync(join(project.content, 'certifications/rncp35809.yaml'), broken);
    const report = await importInto(project, file);
    expect(readFileSync(join(project.content, 'certifications/rncp35809.yaml'), 'utf8')).toBe(broken);
    expect(report.notImported).toEqual([
      expect.objectContaining({
        record: 'RNCP35809',
        file: 'content/certifications/rncp35809.yaml',
        problems: [expect.stringMatching(/^content\/certifications\/rncp35809\.yaml:\d+:\d+ /)],
      }),
    ]);
    expect(report.counts).toMatchObject({ read: 3, unchanged: 2, markedAbsent: 0 });
  });
});

describe('records the export no longer holds', () => {
  const withoutOne = () => extract(EXTRACT.filter((id) => id !== 'RNCP35809'));

  it('are marked absent with the export date, nothing deleted; the mark goes when the record comes back', async () => {
    const project = makeProject('empty');
    // Dated exports all along: a record keeps the date of the export it first came from.
    const full = (date: string) => writeExtract(project, officialName('RNCP', date));
    await importInto(project, full('2026-08-16'));
    const files = readdirSync(join(project.content, 'certifications')).sort();
    const before = readRecord(project, 'certifications/rncp35809.yaml');

    const report = await importInto(project, writeFile(project.exports, officialName('RNCP', '2026-08-17'), withoutOne()));
    expect(report.counts).toMatchObject({ read: 2, unchanged: 2, markedAbsent: 1 });
    expect(readdirSync(join(project.content, 'certifications')).sort()).toEqual(files);
    const { absente_de_l_export: mark, ...rest } = readRecord(project, 'certifications/rncp35809.yaml');
    expect(mark).toEqual({ date_export: '2026-08-17', source: 'flux-rncp' });
    expect(rest).toEqual(before);
    expect(report.changes).toEqual([expect.objectContaining({ kind: 'changed', id: 'RNCP35809' })]);
    expect(errorsOf(project.root)).toEqual([]);

    // A second export without it keeps the first date, and writes nothing.
    const marked = hashTree(project.content);
    const again = await importInto(project, writeFile(project.exports, officialName('RNCP', '2026-08-18'), withoutOne()));
    expect(again.counts.markedAbsent).toBe(0);
    expect(hashTree(project.content)).toEqual(marked);

    const back = await importInto(project, full('2026-08-19'));
    expect(back.counts).toMatchObject({ changed: 1, unchanged: 2 });
    expect(readRecord(project, 'certifications/rncp35809.yaml')).not.toHaveProperty('absente_de_l_export');
  });

  it('never marks a hand-typed record without a flow source, even when the export holds none of the records', async () => {
    const project = makeProject('project');
    const handTyped = readFileSync(join(project.content, 'certifications/rncp39853.yaml'), 'utf8');
    expect(readRecord(project, 'certifications/rncp39853.yaml').sources.map((s: { id: string }) => s.id)).not.toContain('flux-rncp');
    const flowRecords = readdirSync(join(project.content, 'certifications')).filter((name) =>
      readRecord(project, `certifications/${name}`).sources.some((s: { id: string }) => s.id === 'flux-rncp'),
    );

    const other = renumber(sampleFiche('RNCP', 'RNCP35809'), 'RNCP900001');
    const report = await importInto(project, writeFile(project.exports, officialName('RNCP'), exportXml([other])));
    expect(report.counts).toMatchObject({ added: 1, markedAbsent: flowRecords.length });
    expect(readFileSync(join(project.content, 'certifications/rncp39853.yaml'), 'utf8')).toBe(handTyped);
    for (const name of flowRecords)
      expect(readRecord(project, `certifications/${name}`).absente_de_l_export).toMatchObject({ source: 'flux-rncp' });
  });
});

describe('an export holding a hand-typed record', () => {
  it('gives the flow’s fields the flow’s values and keeps the editor’s fields', async () => {
    const project = makeProject('project');
    const before = readRecord(project, 'certifications/rncp39853.yaml');
    const flow = renumber(sampleFiche('RNCP', 'RNCP35809'), 'RNCP39853');
    const report = await importInto(project, writeFile(project.exports, officialName('RNCP'), exportXml([flow])), '--only', 'RNCP39853');
    expect(report.counts).toMatchObject({ changed: 1 });
    expect(report.notImported).toEqual([]);

    const after = readRecord(project, 'certifications/rncp39853.yaml');
    expect(after.intitule).toBe(textOf(flow, 'INTITULE'));
    expect(after.enregistrement).toEqual({
      type_enregistrement: 'Enregistrement de droit',
      date_effet: '2021-09-01',
      date_fin: '2026-08-31',
      date_publication: '2021-07-23',
      source: 'flux-rncp',
    });
    expect(after.blocs.map((b: { code: string }) => b.code)).toEqual(['RNCP39853BC01', 'RNCP39853BC02', 'RNCP39853BC03', 'RNCP39853BC04']);
    // The editor's fields: the notes, and the sources, with the flow's entry added first.
    expect(after.notes_editoriales).toEqual(before.notes_editoriales);
    expect(after.sources.map((s: { id: string }) => s.id)).toEqual(['flux-rncp', ...before.sources.map((s: { id: string }) => s.id)]);
    expect(after.sources.slice(1)).toEqual(before.sources);
    expect(errorsOf(project.root)).toEqual([]);
  });
});
