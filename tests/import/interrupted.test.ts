/**
 * An import stopped before its end leaves content/ byte for byte as it was: killed (SIGKILL) while it writes
 * a large export, or stopped during the swap of the two trees. The next import puts things back, says so in
 * its report, and succeeds.
 */
import { spawn } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, openSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { validateContent } from '../../src/core/validation/validate-content.ts';
import { PROJECT_ROOT, removeTrees } from '../helpers/content-tree.ts';
import { SAMPLES, hashTree, importInto, makeProject, officialName, renumber, sampleFiche, serialize } from './import-fixtures.ts';
import type { Project } from './import-fixtures.ts';

afterAll(removeTrees);

const RECORDS = 3000;

/** An export of 3,000 records: the two smallest real RNCP FICHEs in turn, numbered RNCP900000 onwards. */
function writeLargeExport(project: Project): string {
  // Each model is written once with a placeholder number, then copied with the real numbers.
  const models = ['RNCP35809', 'RNCP35625'].map((id) => serialize(renumber(sampleFiche('RNCP', id), 'RNCP999999'), 1));
  mkdirSync(project.exports, { recursive: true });
  // Named as published, so that the importer does not first read the whole file for its latest date.
  const path = join(project.exports, officialName('RNCP'));
  const fd = openSync(path, 'w');
  writeSync(fd, '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<FICHES>\n  <VERSION_FLUX>4.1</VERSION_FLUX>\n');
  for (let i = 0; i < RECORDS; i++) writeSync(fd, models[i % 2].replaceAll('RNCP999999', `RNCP${900000 + i}`));
  writeSync(fd, '</FICHES>\n');
  closeSync(fd);
  return path;
}

const errorsOf = (root: string) => validateContent({ root }).diagnostics.filter((d) => d.severity === 'error');

describe('an import killed while it writes', () => {
  it('leaves content/ byte-identical; the next import removes the leftover, says so, and succeeds', async () => {
    const project = makeProject('project');
    const file = writeLargeExport(project);
    const before = hashTree(project.content);

    const child = spawn(
      process.execPath,
      [
        '--experimental-strip-types',
        '--disable-warning=ExperimentalWarning',
        join(PROJECT_ROOT, 'src/cli/import.ts'),
        file,
        '--root',
        project.root,
      ],
      { stdio: 'ignore' },
    );
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    try {
      // Once the tree beside content/ is being written, let it write a while, then kill it.
      const deadline = Date.now() + 30_000;
      while (!existsSync(project.work) && child.exitCode === null && Date.now() < deadline) await sleep(20);
      expect(existsSync(project.work), 'the import never started writing').toBe(true);
      await sleep(500);
      expect(child.exitCode, 'the import ended before it was killed: make the export larger').toBeNull();
    } finally {
      child.kill('SIGKILL');
    }
    expect(await exited).toEqual({ code: null, signal: 'SIGKILL' });

    expect(hashTree(project.content)).toEqual(before);
    expect(existsSync(project.work)).toBe(true);

    const report = await importInto(project, SAMPLES.RNCP);
    expect(report.notes).toHaveLength(1);
    expect(report.notes[0]).toMatch(/import précédent s'était arrêté/);
    expect(existsSync(project.work)).toBe(false);
    expect(report.counts).toMatchObject({ read: 8, unchanged: 8, added: 0, changed: 0 });
    expect(hashTree(project.content)).toEqual(before);
    expect(errorsOf(project.root)).toEqual([]);
  }, 60_000);
});

describe('an import stopped during the swap of the trees', () => {
  it('puts the previous content/ back when it stopped between the two renames', async () => {
    const project = makeProject('project');
    const before = hashTree(project.content);
    // The state between the renames: content/ moved aside, the new tree not yet in its place.
    mkdirSync(join(project.work, 'next/certifications'), { recursive: true });
    writeFileSync(join(project.work, 'next/certifications/rncp34762.yaml'), 'numero_fiche: RNCP34762\n');
    renameSync(project.content, join(project.work, 'previous'));

    const report = await importInto(project, SAMPLES.RNCP);
    expect(report.notes).toHaveLength(1);
    expect(report.notes[0]).toMatch(/content\/ a été remis tel qu'il était/);
    expect(report.counts).toMatchObject({ read: 8, unchanged: 8, added: 0, changed: 0 });
    expect(existsSync(project.work)).toBe(false);
    expect(hashTree(project.content)).toEqual(before);
  });

  it('keeps the new content/ when it stopped after the swap, removing only the old tree', async () => {
    const project = makeProject('empty');
    await importInto(project, SAMPLES.RS);
    const after = hashTree(project.content);
    // The state after both renames, before the work folder was removed: the old (here empty) tree aside.
    mkdirSync(join(project.work, 'previous'), { recursive: true });
    cpSync(join(PROJECT_ROOT, 'content/rome'), join(project.work, 'previous/rome'), { recursive: true });

    const report = await importInto(project, SAMPLES.RS);
    expect(report.notes).toHaveLength(1);
    expect(report.counts).toMatchObject({ read: 5, unchanged: 5 });
    expect(existsSync(project.work)).toBe(false);
    expect(hashTree(project.content)).toEqual(after);
  });

  it('leaves a leftover work folder alone with --dry-run, which writes nothing', async () => {
    const project = makeProject('project');
    mkdirSync(join(project.work, 'next'), { recursive: true });
    const before = { content: hashTree(project.content), work: hashTree(project.work) };
    const report = await importInto(project, SAMPLES.RNCP, '--dry-run');
    expect(report.counts.unchanged).toBe(8);
    expect({ content: hashTree(project.content), work: hashTree(project.work) }).toEqual(before);
    expect(existsSync(join(project.work, 'next'))).toBe(true);
  });
});
