/**
 * The import report in its three formats: JSON that parses and holds the counts, text for the terminal, and
 * Markdown (a pull-request body) in which the flow's text, however hostile, stays inside code fences.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { removeTrees } from '../helpers/content-tree.ts';
import {
  SAMPLES,
  childOf,
  childrenOf,
  exportXml,
  leaf,
  makeProject,
  officialName,
  renumber,
  runImport,
  sampleFiche,
  sampleFiches,
  setText,
  textOf,
  writeFile,
} from './import-fixtures.ts';

afterAll(removeTrees);

describe('the JSON report', () => {
  it('parses, and holds the counts the export implies', async () => {
    const project = makeProject('empty');
    const result = await runImport([SAMPLES.RNCP, '--root', project.root, '--format', 'json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    const rome = new Set(sampleFiches('RNCP').flatMap((f) => childrenOf(childOf(f, 'CODES_ROME'), 'ROME').map((r) => textOf(r, 'CODE'))));
    expect(report).toMatchObject({ file: SAMPLES.RNCP, registry: 'RNCP', dryRun: false });
    expect(report.counts).toEqual({ read: 8, added: 8, changed: 0, unchanged: 0, markedAbsent: 0, romeAdded: rome.size, romeChanged: 0 });
    // One change per record, in file order (the same whatever the number of worker threads).
    expect(report.changes.map((c: { id: string }) => c.id).filter((id: string) => id.startsWith('RNCP'))).toEqual(
      sampleFiches('RNCP')
        .map((f) => textOf(f, 'NUMERO_FICHE'))
        .sort(),
    );
  });
});

describe('the text report', () => {
  it('gives the counts in French, then the dropped values with their record and line', async () => {
    const project = makeProject('empty');
    const result = await runImport([SAMPLES.RS, '--root', project.root]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toContain(SAMPLES.RS);
    expect(result.stdout).toContain('5 fiches lues : 5 ajoutées, 0 modifiées, 0 inchangées, 0 écartées.');
    // RS7423 publishes a course title where its LIEN_URL_DESCRIPTION should be (line 579 of the sample).
    expect(result.stdout).toContain(
      'RS7423 › LIEN_URL_DESCRIPTION (ligne 579) : « Intégrer l’IA dans les pratiques en Ressources Humaines - Classe Digitale »',
    );
  });
});

/** Which lines of a Markdown text lie inside a fenced code block (CommonMark: a fence closes with as many backticks or more). */
function fencedLines(markdown: string): { line: string; fenced: boolean }[] {
  const out: { line: string; fenced: boolean }[] = [];
  let fence: number | undefined;
  // Markdown ends a line at LF, CR or CRLF.
  for (const line of markdown.split(/\r\n|\r|\n/)) {
    const run = /^ {0,3}(`{3,})([^`]*)$/.exec(line);
    if (fence === undefined && run) {
      fence = run[1].length;
      out.push({ line, fenced: false });
    } else if (fence !== undefined && run && run[1].length >= fence && run[2].trim() === '') {
      fence = undefined;
      out.push({ line, fenced: false });
    } else out.push({ line, fenced: fence !== undefined });
  }
  expect(fence, 'a fence is left open').toBeUndefined();
  return out;
}

describe('the Markdown report', () => {
  it('keeps hostile flow text inside code fences', async () => {
    const project = makeProject('empty');
    const link = renumber(sampleFiche('RNCP', 'RNCP35809'), 'RNCP900001');
    link.children.push(leaf('LIEN_URL_DESCRIPTION', '```\n<img src=x onerror=alert(1)>'));
    const title = renumber(sampleFiche('RNCP', 'RNCP35809'), 'RNCP900002');
    setText(title, 'INTITULE', 'Titre ````\n</details>\n<script>alert(2)</script>');
    const carriage = renumber(sampleFiche('RNCP', 'RNCP35809'), 'RNCP900003');
    setText(carriage, 'INTITULE', 'Titre CARRIAGE```CARRIAGE<img src=x onerror=alert(3)>');
    // A character reference is how a carriage return survives XML's line-end normalisation.
    const xml = exportXml([link, title, carriage]).replaceAll('CARRIAGE', '&#13;');
    const file = writeFile(project.exports, officialName('RNCP'), xml);

    const result = await runImport([file, '--root', project.root, '--format', 'markdown']);
    expect(result.code).toBe(0);
    const lines = fencedLines(result.stdout);
    const hostile = lines.filter(({ line }) => /<img|<script|<\/details>.*alert|alert\(/.test(line));
    expect(hostile.map(({ line }) => line).join('\n')).toMatch(
      /alert\(1\)[\s\S]*alert\(2\)[\s\S]*alert\(3\)|alert\(2\)[\s\S]*alert\(3\)[\s\S]*alert\(1\)/,
    );
    expect(hostile.filter(({ fenced }) => !fenced)).toEqual([]);
    // Outside the fences, only the report's own HTML.
    const outside = lines.filter(({ fenced }) => !fenced).map(({ line }) => line);
    expect(outside.filter((line) => /<(?!\/?details>|summary>)/.test(line.replace(/<summary>.*<\/summary>/, '')))).toEqual([]);
  });
});
