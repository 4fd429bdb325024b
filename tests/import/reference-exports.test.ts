/**
 * Real exports the importer's tests are not built on: every XML or zip in ../shared/reference (more will be
 * added there), each imported into an empty project. Every record with a valid number is written, the result
 * passes the validator with no error, a second import changes no byte and the drift check then finds nothing.
 * The folder is required in CI; elsewhere the test runs when it is there.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { driftOf } from '../../src/core/import/drift.ts';
import { validateContent } from '../../src/core/validation/validate-content.ts';
import { PROJECT_ROOT, removeTrees } from '../helpers/content-tree.ts';
import { hashTree, importInto, makeProject } from './import-fixtures.ts';

afterAll(removeTrees);

const REFERENCE = join(PROJECT_ROOT, '../shared/reference');
const available = existsSync(REFERENCE) || process.env.CI === 'true';
const exportsThere = available ? readdirSync(REFERENCE).filter((name) => /\.(xml|zip)$/i.test(name)) : [];

describe.runIf(available)('the real exports of ../shared/reference', () => {
  it('holds at least the RNCP and the RS sample', () => {
    expect(exportsThere.length).toBeGreaterThanOrEqual(2);
  });

  it.each(exportsThere)('%s imports with no validation error, twice to the same bytes, with no drift', async (name) => {
    const project = makeProject('empty');
    const file = join(REFERENCE, name);
    const report = await importInto(project, file);
    expect(report.counts.read).toBeGreaterThan(0);
    expect(report.notImported).toEqual([]);
    expect(report.counts.added).toBe(report.counts.read - report.rejected.length);
    expect(validateContent({ root: project.root }).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);

    const after = hashTree(project.content);
    const again = await importInto(project, file);
    expect(again.counts).toMatchObject({ added: 0, changed: 0, markedAbsent: 0 });
    expect(hashTree(project.content)).toEqual(after);
    expect((await driftOf({ root: project.root, file })).diagnostics).toEqual([]);
  });
});
