/**
 * Exports the importer must refuse as a whole: exit code 1, a French message naming the file (and, for XML,
 * the line), and content/ left byte for byte as it was, even when records read before the problem would have
 * changed it. And the zip as France Compétences publishes it, which imports, dated by its name.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTrees } from '../helpers/content-tree.ts';
import {
  SAMPLES,
  exportXml,
  hashTree,
  importInto,
  lineOf,
  makeProject,
  makeZip,
  officialName,
  readRecord,
  runImport,
  writeFile,
} from './import-fixtures.ts';
import type { Project } from './import-fixtures.ts';

afterAll(removeTrees);

const RNCP_TEXT = readFileSync(SAMPLES.RNCP, 'utf8');
const RS_TEXT = readFileSync(SAMPLES.RS, 'utf8');

/** A copy of the project whose first RNCP record was edited by hand: a complete import would put it back. */
function editedProject(): Project {
  const project = makeProject('project');
  const path = join(project.content, 'certifications/rncp34762.yaml');
  writeFileSync(path, readFileSync(path, 'utf8').replace(/^intitule: .*$/m, 'intitule: Intitulé modifié à la main'));
  return project;
}

/** Runs the import of a file that must be refused, and checks what every refusal shares. */
async function expectRefused(file: string, project = editedProject()): Promise<string> {
  const before = hashTree(project.content);
  const result = await runImport([file, '--root', project.root]);
  expect(result.stdout).toBe('');
  expect(result.stderr.startsWith("Export refusé, rien n'a été importé : ")).toBe(true);
  expect(result.stderr).toContain(file);
  expect(result.stderr).toMatch(/\n {2}→ \S/);
  expect(result.code).toBe(1);
  expect(hashTree(project.content)).toEqual(before);
  expect(hashTree(project.work)).toEqual({});
  return result.stderr;
}

/** The "file:line:column" the message gives. */
function placeIn(stderr: string, file: string): { line: number; column: number } {
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}:(\\d+):(\\d+) : `).exec(stderr);
  expect(match, `no ${file}:line:column in: ${stderr}`).not.toBeNull();
  return { line: Number(match![1]), column: Number(match![2]) };
}

describe('an XML export that cannot be read', () => {
  const fourthFiche = RNCP_TEXT.split('<FICHE>').slice(0, 4).join('<FICHE>').length;

  it.each([
    {
      name: 'cut in the middle of a FICHE (an interrupted download)',
      text: RNCP_TEXT.slice(0, fourthFiche + 3000),
      // The file stops on its last line: that is where the reader finds out.
      line: (text: string) => text.split('\n').length,
      message: 'tronqué',
    },
    {
      name: 'with a mismatched closing tag',
      text: RNCP_TEXT.replace(/(<FICHE>[\s\S]*?<FICHE>[\s\S]*?)<\/INTITULE>/, '$1</INTITULEX>'),
      line: (text: string) => lineOf(text, '</INTITULEX>'),
      message: 'le XML est mal formé',
    },
    {
      name: 'with an unescaped ampersand',
      text: RNCP_TEXT.replace('<INTITULE>Diplôme Arts', '<INTITULE>R&D Arts'),
      line: (text: string) => lineOf(text, 'R&D Arts'),
      message: 'le XML est mal formé',
    },
    {
      name: 'of flow version 4.0',
      text: RNCP_TEXT.replace('<VERSION_FLUX>4.1</VERSION_FLUX>', '<VERSION_FLUX>4.0</VERSION_FLUX>'),
      line: (text: string) => lineOf(text, '<VERSION_FLUX>'),
      message: 'version du flux « 4.0 » : cet importeur ne lit que la version 4.1.',
    },
    {
      name: 'without VERSION_FLUX',
      text: RNCP_TEXT.replace(/ *<VERSION_FLUX>4\.1<\/VERSION_FLUX>\n/, ''),
      // Known missing as soon as the first FICHE starts.
      line: (text: string) => lineOf(text, '<FICHE>'),
      message: '<VERSION_FLUX> manque',
    },
    {
      name: 'whose root element is not FICHES',
      text: RNCP_TEXT.replace('<FICHES>', '<CERTIFICATIONS>').replace('</FICHES>', '</CERTIFICATIONS>'),
      line: (text: string) => lineOf(text, '<CERTIFICATIONS>'),
      message: 'son élément racine est <CERTIFICATIONS>, pas <FICHES>',
    },
    {
      name: 'that is not XML at all',
      text: 'numero_fiche;intitule\nRNCP34762;Programme Grande Ecole\n',
      // Text outside any element is found out only at the end of the text: no line to pin.
      line: undefined,
      message: 'le XML est mal formé',
    },
  ])('refuses one $name, naming the file and the line', async ({ text, line, message }) => {
    const project = editedProject();
    const file = writeFile(project.exports, officialName('RNCP'), text);
    const stderr = await expectRefused(file, project);
    expect(stderr).toContain(message);
    if (line) expect(placeIn(stderr, file).line).toBe(line(text));
  });

  it('refuses an export in another encoding than UTF-8, naming the line of the first byte that is not UTF-8', async () => {
    const project = editedProject();
    // One « à » written in Latin-1 (the byte E0), the rest of the file in UTF-8.
    const [before, after] = RS_TEXT.split('<INTITULE>Enseigner');
    const bytes = Buffer.concat([Buffer.from(`${before}<INTITULE>Enseigner `), Buffer.from([0xe0]), Buffer.from(after)]);
    const file = writeFile(project.exports, officialName('RS'), bytes);
    const stderr = await expectRefused(file, project);
    expect(stderr).toContain("le fichier n'est pas en UTF-8 valide");
    expect(placeIn(stderr, file).line).toBe(lineOf(RS_TEXT, '<INTITULE>Enseigner'));
  });

  it.each([
    { name: 'an empty file', data: '', message: 'le fichier est vide.' },
    { name: 'an export without any FICHE', data: exportXml([]), message: "l'export ne contient aucune fiche." },
  ])('refuses $name', async ({ data, message }) => {
    const project = editedProject();
    const stderr = await expectRefused(writeFile(project.exports, officialName('RNCP'), data), project);
    expect(stderr).toContain(message);
  });

  it('refuses a file that does not exist', async () => {
    const project = editedProject();
    const stderr = await expectRefused(join(project.exports, 'export_fiches_RNCP_V4_1_2026-08-16.xml'), project);
    expect(stderr).toContain('fichier introuvable.');
  });

  it('refuses an export whose file name gives a day that does not exist', async () => {
    const project = editedProject();
    const stderr = await expectRefused(writeFile(project.exports, 'export_fiches_RS_V4_1_2026-02-30.xml', RS_TEXT), project);
    expect(stderr).toContain("le nom du fichier donne pour date d'export le 2026-02-30, un jour qui n'existe pas.");
  });

  it('refuses RNCP records in a file named as an RS export, and marks no RS record absent', async () => {
    const project = makeProject('project');
    const stderr = await expectRefused(writeFile(project.exports, officialName('RS'), RNCP_TEXT), project);
    expect(stderr).toMatch(/RNCP/);
  });
});

describe('a zip export', () => {
  it('imports the zip as published, dated by its name', async () => {
    const project = makeProject('empty');
    const zip = join(project.root, 'export-fiches-rs-v4-1-2026-08-16.zip');
    await makeZip(zip, [{ name: 'export_fiches_RS_V4_1_2026-08-16.xml', data: RS_TEXT }]);
    const report = await importInto(project, zip);
    expect(report).toMatchObject({ registry: 'RS', exportDate: '2026-08-16' });
    expect(report.counts).toMatchObject({ read: 5, added: 5 });
    for (const id of ['rs5000', 'rs5568', 'rs6547', 'rs6604', 'rs7423']) {
      const flow = readRecord(project, `rs/${id}.yaml`).sources.filter((s: { id: string }) => s.id === 'flux-rs');
      expect(flow).toHaveLength(1);
      expect(flow[0].date_export).toBe('2026-08-16');
      expect(flow[0].remarque).toBeUndefined();
    }
  });

  it.each([
    {
      name: 'no XML file',
      entries: [{ name: 'LISEZMOI.txt', data: 'Export du jour' }],
      message: 'le zip ne contient aucun fichier XML (il contient : « LISEZMOI.txt »).',
    },
    {
      name: 'two XML files',
      entries: [
        { name: 'export_fiches_RS_V4_1_2026-08-16.xml', data: RS_TEXT },
        { name: 'export_fiches_RS_V4_1_2026-08-15.xml', data: RS_TEXT },
      ],
      message:
        "le zip contient 2 fichiers XML au lieu d'un seul (« export_fiches_RS_V4_1_2026-08-16.xml », « export_fiches_RS_V4_1_2026-08-15.xml »).",
    },
  ])('refuses a zip holding $name', async ({ entries, message }) => {
    const project = editedProject();
    const zip = join(project.root, 'export-fiches-rs-v4-1-2026-08-16.zip');
    await makeZip(zip, entries);
    expect(await expectRefused(zip, project)).toContain(message);
  });

  it('refuses a truncated zip', async () => {
    const project = editedProject();
    const zip = join(project.root, 'export-fiches-rs-v4-1-2026-08-16.zip');
    await makeZip(zip, [{ name: 'export_fiches_RS_V4_1_2026-08-16.xml', data: RS_TEXT }]);
    writeFileSync(zip, readFileSync(zip).subarray(0, 4000));
    expect(await expectRefused(zip, project)).toContain('le zip est illisible');
  });

  it('names the XML file inside the zip and its line when that XML is malformed', async () => {
    const project = editedProject();
    const zip = join(project.root, 'export-fiches-rs-v4-1-2026-08-16.zip');
    const text = RS_TEXT.replace('</INTITULE>', '</INTITULEX>');
    await makeZip(zip, [{ name: 'export_fiches_RS_V4_1_2026-08-16.xml', data: text }]);
    const stderr = await expectRefused(zip, project);
    expect(placeIn(stderr, `${zip} › export_fiches_RS_V4_1_2026-08-16.xml`).line).toBe(lineOf(text, '</INTITULEX>'));
  });
});
