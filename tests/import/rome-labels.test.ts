/**
 * The label of a ROME sheet when records of an export disagree: the label given by more records wins, and
 * between labels given by as many records the first met in the export; the others are reported. A sheet whose
 * label comes from another source than the flow keeps it, and the report says so.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTrees } from '../helpers/content-tree.ts';
import {
  exportXml,
  importInto,
  makeProject,
  officialName,
  readRecord,
  renumber,
  runImport,
  sampleFiche,
  setRome,
  writeFile,
} from './import-fixtures.ts';
import type { Project } from './import-fixtures.ts';

afterAll(removeTrees);

/** Records built on the real FICHE RNCP35809, numbered RNCP900001 onwards, each giving these ROME labels. */
function exportWith(project: Project, labels: [code: string, label: string][][]): string {
  const fiches = labels.map((rome, i) => setRome(renumber(sampleFiche('RNCP', 'RNCP35809'), `RNCP${900001 + i}`), rome));
  return writeFile(project.exports, officialName('RNCP'), exportXml(fiches));
}

describe('ROME labels the records disagree on', () => {
  it('keeps the label given by more records, and reports the others with their records', async () => {
    const project = makeProject('empty');
    const file = exportWith(project, [
      [['M1402', 'Conseil en organisation']],
      [['M1402', 'Conseil en organisation et management d’entreprise']],
      [['M1402', 'Conseil en organisation et management d’entreprise']],
    ]);
    const report = await importInto(project, file);
    expect(readRecord(project, 'rome/m1402.yaml').intitule).toBe('Conseil en organisation et management d’entreprise');
    expect(report.romeLabels).toEqual([
      {
        code: 'M1402',
        label: 'Conseil en organisation et management d’entreprise',
        records: ['RNCP900002', 'RNCP900003'],
        others: [{ label: 'Conseil en organisation', records: ['RNCP900001'] }],
      },
    ]);
  });

  it('keeps the first label met when as many records give each, and says which rule chose it', async () => {
    const project = makeProject('empty');
    const file = exportWith(project, [
      [['F1201', 'Conduite de travaux du BTP']],
      [['F1201', 'Conduite de travaux du BTP et de travaux paysagers']],
      [['F1201', 'Conduite de travaux du BTP et de travaux paysagers']],
      [['F1201', 'Conduite de travaux du BTP']],
    ]);
    const report = await importInto(project, file);
    expect(readRecord(project, 'rome/f1201.yaml').intitule).toBe('Conduite de travaux du BTP');
    expect(report.romeLabels).toEqual([
      expect.objectContaining({
        label: 'Conduite de travaux du BTP',
        records: ['RNCP900001', 'RNCP900004'],
        others: [{ label: 'Conduite de travaux du BTP et de travaux paysagers', records: ['RNCP900002', 'RNCP900003'] }],
      }),
    ]);
    const text = await runImport([file, '--root', project.root, '--dry-run']);
    expect(text.stdout).toContain(
      'F1201 : « Conduite de travaux du BTP » retenu (2 fiches) ; écartés : « Conduite de travaux du BTP et de travaux paysagers » (RNCP900002, RNCP900003).',
    );
  });

  it('reports nothing when the records agree', async () => {
    const project = makeProject('empty');
    const report = await importInto(project, exportWith(project, [[['A1504', 'Santé animale']], [['A1504', 'Santé animale']]]));
    expect(report.romeLabels).toEqual([]);
    expect(report.counts.romeAdded).toBe(1);
  });
});

describe('existing ROME sheets', () => {
  it('keeps the label of a sheet from another source, and the report says so', async () => {
    const project = makeProject('project');
    const sheet = readFileSync(join(project.content, 'rome/k1704.yaml'), 'utf8');
    const kept = readRecord(project, 'rome/k1704.yaml');
    expect(kept.libelle_source.source).not.toBe('flux-rncp');
    const file = exportWith(project, [[['K1704', 'Sécurité publique (intitulé du flux)']]]);
    const report = await importInto(project, file, '--only', 'RNCP900001');
    expect(readFileSync(join(project.content, 'rome/k1704.yaml'), 'utf8')).toBe(sheet);
    expect(report.romeKept).toEqual([{ code: 'K1704', kept: kept.intitule, flow: 'Sécurité publique (intitulé du flux)' }]);
    expect(report.counts).toMatchObject({ romeAdded: 0, romeChanged: 0 });
    const text = await runImport([file, '--root', project.root, '--only', 'RNCP900001', '--dry-run']);
    expect(text.stdout).toContain(`K1704 : « ${kept.intitule} » gardé ; le flux donne « Sécurité publique (intitulé du flux) ».`);
  });

  it('updates the label of a sheet the flow labelled, keeping what the editor added', async () => {
    const project = makeProject('project');
    const before = readRecord(project, 'rome/m1402.yaml');
    expect(before.libelle_source.source).toBe('flux-rncp');
    const report = await importInto(
      project,
      exportWith(project, [[['M1402', 'Conseil en organisation (nouvel intitulé)']]]),
      '--only',
      'RNCP900001',
    );
    const after = readRecord(project, 'rome/m1402.yaml');
    expect(after.intitule).toBe('Conseil en organisation (nouvel intitulé)');
    expect(after.marche_du_travail).toEqual(before.marche_du_travail);
    expect(report.counts).toMatchObject({ romeChanged: 1, romeAdded: 0 });
    expect(report.changes).toContainEqual(
      expect.objectContaining({
        id: 'M1402',
        changes: expect.arrayContaining([
          expect.objectContaining({ pointer: '/intitule', before: before.intitule, after: 'Conseil en organisation (nouvel intitulé)' }),
        ]),
      }),
    );
  });
});
