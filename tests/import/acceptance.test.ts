/**
 * Acceptance of `npm run import` on the bundled exports: a first import writes one valid file per record and
 * per ROME code, a second import of the same export changes no byte, and importing them into a copy of the
 * project's content/ changes nothing (the bundled records are the import's output).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { main as drift } from '../../src/cli/drift.ts';
import { main as importCommand } from '../../src/cli/import.ts';
import { validateContent } from '../../src/core/validation/validate-content.ts';
import { removeTrees } from '../helpers/content-tree.ts';
import {
  SAMPLES,
  childOf,
  childrenOf,
  exportXml,
  hashTree,
  importInto,
  makeProject,
  readRecord,
  runImport,
  sampleFiches,
  textOf,
  writeFile,
} from './import-fixtures.ts';
import type { Registry } from './import-fixtures.ts';

afterAll(removeTrees);

const FOLDER: Record<Registry, string> = { RNCP: 'certifications', RS: 'rs' };
const errorsOf = (root: string) => validateContent({ root }).diagnostics.filter((d) => d.severity === 'error');

/** The numbers and the distinct ROME codes of a sample, read from its XML. */
function sampleFacts(registry: Registry) {
  const fiches = sampleFiches(registry);
  const ids = fiches.map((f) => textOf(f, 'NUMERO_FICHE'));
  const rome = new Set(fiches.flatMap((f) => childrenOf(childOf(f, 'CODES_ROME'), 'ROME').map((r) => textOf(r, 'CODE'))));
  return { ids, rome };
}

describe.each(['RNCP', 'RS'] as const)('the bundled %s export', (registry) => {
  const { ids, rome } = sampleFacts(registry);

  it('imports into an empty content/ as one valid file per record, then a second import changes no byte', async () => {
    const project = makeProject('empty');
    const first = await importInto(project, SAMPLES[registry]);
    expect(first.counts).toMatchObject({ read: ids.length, added: ids.length, changed: 0, unchanged: 0, markedAbsent: 0 });
    expect(first.counts.romeAdded).toBe(rome.size);
    expect(first.rejected).toEqual([]);
    const files = readdirSync(join(project.content, FOLDER[registry])).sort();
    expect(files).toEqual(ids.map((id) => `${id.toLowerCase()}.yaml`).sort());
    for (const id of ids) expect(readRecord(project, `${FOLDER[registry]}/${id.toLowerCase()}.yaml`).numero_fiche).toBe(id);
    expect(existsSync(join(project.content, 'rome')) ? readdirSync(join(project.content, 'rome')).length : 0).toBe(rome.size);
    expect(errorsOf(project.root)).toEqual([]);

    const before = hashTree(project.content);
    const second = await importInto(project, SAMPLES[registry]);
    expect(second.counts).toMatchObject({ read: ids.length, added: 0, changed: 0, unchanged: ids.length, markedAbsent: 0 });
    expect(second.counts).toMatchObject({ romeAdded: 0, romeChanged: 0 });
    expect(second.changes).toEqual([]);
    expect(hashTree(project.content)).toEqual(before);
    expect(existsSync(project.work)).toBe(false);
  });

  it('changes nothing in a copy of the project content/, whose flow records are its output', async () => {
    const project = makeProject('project');
    const before = hashTree(project.content);
    const report = await importInto(project, SAMPLES[registry]);
    expect(report.counts).toMatchObject({ read: ids.length, added: 0, changed: 0, unchanged: ids.length, markedAbsent: 0 });
    expect(report.counts).toMatchObject({ romeAdded: 0, romeChanged: 0 });
    expect(report.notImported).toEqual([]);
    expect(hashTree(project.content)).toEqual(before);
    expect(existsSync(project.work)).toBe(false);
  });

  it('writes the same files from the export rewritten element by element (the tests’ fixtures are faithful)', async () => {
    const original = makeProject('empty');
    await importInto(original, SAMPLES[registry]);
    const rewritten = makeProject('empty');
    const file = writeFile(rewritten.exports, `${registry.toLowerCase()}-export-sample.xml`, exportXml(sampleFiches(registry)));
    await importInto(rewritten, file);
    expect(hashTree(rewritten.content)).toEqual(hashTree(original.content));
  });
});

describe('import options', () => {
  it('writes nothing with --dry-run, and reports what it would add', async () => {
    const project = makeProject('empty');
    const report = await importInto(project, SAMPLES.RNCP, '--dry-run');
    expect(report.dryRun).toBe(true);
    expect(report.counts.added).toBe(8);
    expect(hashTree(project.content)).toEqual({});
    expect(existsSync(project.work)).toBe(false);
  });

  it('imports only the records given with --only, and marks no other record absent', async () => {
    const project = makeProject('project');
    const before = hashTree(project.content);
    const report = await importInto(project, SAMPLES.RNCP, '--only', 'rncp35625');
    expect(report.counts).toMatchObject({ read: 8, unchanged: 1, added: 0, changed: 0, markedAbsent: 0 });
    expect(hashTree(project.content)).toEqual(before);
  });

  it('dates the flow source with --date when the file name gives no date', async () => {
    const project = makeProject('empty');
    await importInto(project, SAMPLES.RS, '--date', '2026-09-01');
    const source = readRecord(project, 'rs/rs6547.yaml').sources.find((s: { id: string }) => s.id === 'flux-rs');
    expect(source.date_export).toBe('2026-09-01');
    expect(source.remarque).toBeUndefined();
  });

  it.each([
    { args: [], message: "Donnez un seul fichier d'export.", usage: true },
    { args: ['a.xml', 'b.xml'], message: "Donnez un seul fichier d'export.", usage: true },
    { args: [SAMPLES.RS, '--format', 'xml'], message: 'Format inconnu : xml', usage: true },
    { args: [SAMPLES.RS, '--verbose'], message: 'Option inconnue : --verbose', usage: true },
    { args: [SAMPLES.RS, '--date', '16/08/2026'], message: "Date d'export invalide : 16/08/2026 (attendu : AAAA-MM-JJ).", usage: false },
    // No such day: the export cannot be dated with it (nor can its records' source entry).
    { args: [SAMPLES.RS, '--date', '2026-02-31'], message: "Date d'export invalide : 2026-02-31", usage: false },
  ])('refuses $args with exit code 2 and a French message', async ({ args, message, usage }) => {
    const project = makeProject('empty');
    const result = await runImport([...args, '--root', project.root]);
    expect(result.stderr).toContain(message);
    if (usage) expect(result.stderr).toContain('Utilisation : npm run import');
    expect(result.code).toBe(2);
    expect(hashTree(project.content)).toEqual({});
  });
});

describe('a --root without schemas/', () => {
  it.each([
    ['import', importCommand],
    ['drift', drift],
  ])('makes %s exit with code 2, naming the missing folder', async (name, command) => {
    const root = mkdtempSync(join(tmpdir(), 'certidocs-no-schemas-'));
    let stderr = '';
    const code = await command(
      [SAMPLES.RS, '--root', root],
      () => {},
      (text) => (stderr += text),
      false,
    );
    rmSync(root, { recursive: true });
    expect(code).toBe(2);
    expect(stderr).toContain(`Dossier des schémas introuvable : ${join(root, 'schemas')}`);
    expect(stderr).toContain(`Utilisation : npm run ${name}`);
  });
});
