/**
 * A disk that fills up while the import writes its new tree: node:fs is mocked so that writing a file inside
 * the work folder (.certidocs-import) fails with ENOSPC after a given number of files. The import stops with
 * an ImportError that says the disk is full, content/ is byte-identical, and no work folder is left.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type * as NodeFs from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { ImportError, importExport } from '../../src/core/import/import-export.ts';
import { removeTrees } from '../helpers/content-tree.ts';
import { SAMPLES, hashTree, makeProject, runImport } from './import-fixtures.ts';
import type { Project } from './import-fixtures.ts';

const disk = vi.hoisted(() => ({ filesLeft: Infinity, failures: 0 }));

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof NodeFs>();
  /** The error a write in the work folder meets once the disk is full, or undefined while there is room. */
  const full = (path: unknown) => {
    if (!String(path).includes('.certidocs-import')) return undefined;
    if (disk.filesLeft > 0) {
      disk.filesLeft--;
      return undefined;
    }
    disk.failures++;
    return Object.assign(new Error(`ENOSPC: no space left on device, write '${String(path)}'`), {
      code: 'ENOSPC',
      errno: -28,
      syscall: 'write',
    });
  };
  const writeFileSync: typeof actual.writeFileSync = (path, ...rest) => {
    const error = full(path);
    if (error) throw error;
    return actual.writeFileSync(path, ...rest);
  };
  const writeFile = ((path: NodeFs.PathOrFileDescriptor, data: string, callback: NodeFs.NoParamCallback) => {
    const error = full(path);
    if (error) setImmediate(() => callback(error));
    else actual.writeFile(path, data, callback);
  }) as typeof actual.writeFile;
  const mocked = { ...actual, writeFileSync, writeFile };
  return { ...mocked, default: mocked };
});

afterEach(() => {
  disk.filesLeft = Infinity;
  disk.failures = 0;
});
afterAll(removeTrees);

/** A copy of the project whose first RNCP record was edited by hand: the import has to rewrite it. */
function editedProject(): Project {
  const project = makeProject('project');
  const path = join(project.content, 'certifications/rncp34762.yaml');
  writeFileSync(path, readFileSync(path, 'utf8').replace(/^intitule: .*$/m, 'intitule: Intitulé modifié à la main'));
  return project;
}

describe('a full disk during an import', () => {
  it.each([
    { name: 'at the first file', project: editedProject, filesLeft: 0 },
    { name: 'after five files of an import into an empty content/', project: () => makeProject('empty'), filesLeft: 5 },
  ])('stops with an ImportError $name, content/ untouched', async ({ project: make, filesLeft }) => {
    const project = make();
    const before = hashTree(project.content);
    disk.filesLeft = filesLeft;
    const failure = await importExport({ root: project.root, contentDir: project.content, file: SAMPLES.RNCP }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(disk.failures).toBe(1);
    expect(failure).toBeInstanceOf(ImportError);
    expect((failure as ImportError).message).toMatch(/disque est plein/);
    expect(hashTree(project.content)).toEqual(before);
    expect(existsSync(project.work)).toBe(false);

    // With room again, the same import goes through.
    disk.filesLeft = Infinity;
    const report = await importExport({ root: project.root, contentDir: project.content, file: SAMPLES.RNCP });
    expect(report.counts.added + report.counts.changed).toBeGreaterThan(0);
    expect(existsSync(project.work)).toBe(false);
  });

  it('makes the command exit with code 1 and a French message', async () => {
    const project = editedProject();
    const before = hashTree(project.content);
    disk.filesLeft = 0;
    const result = await runImport([SAMPLES.RNCP, '--root', project.root]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Import interrompu : le disque est plein/);
    expect(result.stderr).toMatch(/\n {2}→ \S/);
    expect(hashTree(project.content)).toEqual(before);
    expect(existsSync(project.work)).toBe(false);
  });
});
