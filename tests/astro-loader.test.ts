/** The Astro loader runs the same validation as the CLI: builds fail with file:line:col, dev keeps serving. */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { build, copyProject, removeProject, startDev, waitFor } from './helpers/astro-project.ts';
import { dumpParts, dumpRecords } from './helpers/downloads.ts';

const projects: string[] = [];

/** How many records of a kind the bundled content holds. */
const bundled = (folder: string) =>
  readdirSync(new URL(`../content/${folder}/`, import.meta.url)).filter((name) => name.endsWith('.yaml')).length;
const ROME_COUNT = bundled('rome');
const CERTIFICATION_COUNT = bundled('certifications');
afterAll(() => projects.forEach(removeProject));

function project(): string {
  const root = copyProject();
  projects.push(root);
  return root;
}

function edit(root: string, file: string, from: string, to: string): void {
  const path = join(root, file);
  const text = readFileSync(path, 'utf8');
  if (!text.includes(from)) throw new Error(`${from} not in ${file}`);
  writeFileSync(path, text.replace(from, to));
}

describe('astro build', () => {
  it('renders one page per record of the bundled content', () => {
    const root = project();
    const { status, output } = build(root);
    expect(status, output).toBe(0);
    for (const page of [
      'index.html',
      'certifications/rncp39853/index.html',
      'rome/k1704/index.html',
      'rome/k1404/index.html',
      'rome/k1405/index.html',
    ]) {
      expect(existsSync(join(root, 'dist', page)), page).toBe(true);
    }
    const html = readFileSync(join(root, 'dist/rome/k1704/index.html'), 'utf8');
    expect(html).toContain('Management de la sécurité publique');
    expect(html).toContain('total 147\u202f% au lieu de 100\u202f%');
  });

  it("fails on a bad file with the validator's file:line:col message and no stack trace", () => {
    const root = project();
    edit(root, 'content/rome/k1704.yaml', '        part_offres: 44.29', '        part_offres: 144.29');
    const { status, output } = build(root);
    expect(status).not.toBe(0);
    expect(output).toContain(
      'content/rome/k1704.yaml:28:22 error Part des offres (%) (« part_offres ») vaut 144,29, hors des limites permises (de 0 à 100). [schema/maximum]',
    );
    expect(output).not.toMatch(/Stack trace|^\s+at /m);
  });
});

describe('astro dev', () => {
  it('reloads an edited YAML file, and shows a bad edit without stopping', async () => {
    const root = project();
    const server = await startDev(root);
    try {
      const page = async () => {
        const response = await fetch(`${server.url}/rome/k1704/`);
        return { status: response.status, html: await response.text() };
      };
      expect((await page()).html).toContain('Management de la sécurité publique');

      edit(root, 'content/rome/k1704.yaml', 'intitule: Management de la sécurité publique', 'intitule: Intitulé modifié en direct');
      await waitFor(async () => (await page()).html.includes('Intitulé modifié en direct'), 'the edited title');
      // The downloads follow the edit too, served as the build publishes them.
      const csv = await fetch(`${server.url}/api/v1/tables/rome.csv`);
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(await csv.text()).toContain(';K1704\r\n');
      // The dumps are rewritten once every kind is loaded, compressed off the main thread: they follow shortly after.
      const dump = async () => {
        const response = await fetch(`${server.url}/api/v1/dumps/rome.ndjson.gz`);
        expect(response.headers.get('content-type')).toBe('application/gzip');
        return gunzipSync(Buffer.from(await response.arrayBuffer())).toString('utf8');
      };
      await waitFor(async () => (await dump()).includes('"intitule":"Intitulé modifié en direct"'), 'the edited dump');
      expect((await fetch(`${server.url}/api/v1/dumps/../../package.json`)).status).toBe(404);

      edit(root, 'content/rome/k1704.yaml', 'intitule: Intitulé modifié en direct', 'intitulé: Faute de frappe');
      await waitFor(() => server.output().includes('content/rome/k1704.yaml:3:1 error Champ inconnu : « intitulé ».'), 'the diagnostics');
      const during = await page();
      expect(during.status).toBe(200);
      expect(during.html).toContain('Intitulé modifié en direct');

      edit(root, 'content/rome/k1704.yaml', 'intitulé: Faute de frappe', 'intitule: Corrigé');
      await waitFor(async () => (await page()).html.includes('Corrigé'), 'the fixed title');
    } finally {
      await server.stop();
    }
  }, 90_000);
});

describe('repeat builds', () => {
  it('validate only the files that changed, and still catch a bad edit', () => {
    const root = project();
    // The first build cuts its dumps in parts of a few records, the second in parts of the default size.
    const first = build(root, { CERTIDOCS_DUMP_PART_BYTES: '50000' });
    expect(first.status, first.output).toBe(0);
    expect(first.output).toContain(`rome : ${ROME_COUNT} fiche(s) chargée(s), dont 0 inchangée(s)`);
    expect(dumpParts(join(root, 'dist'), 'rome').length).toBeGreaterThan(1);
    // The downloads of a built site are linked from the loader's folder: keep that site to check they are never rewritten.
    renameSync(join(root, 'dist'), join(root, 'dist-first'));

    edit(root, 'content/rome/k1704.yaml', 'intitule: Management de la sécurité publique', 'intitule: Intitulé modifié');
    // A dump an earlier version wrote, left in the loader's folder: the next build must not publish it.
    writeFileSync(join(root, '.cache/certidocs/open-data/api/v1/dumps/certifications.json'), '[]');
    const second = build(root);
    expect(second.status, second.output).toBe(0);
    expect(second.output).toContain(`rome : ${ROME_COUNT} fiche(s) chargée(s), dont ${ROME_COUNT - 1} inchangée(s)`);
    expect(second.output).toContain(`certification : ${CERTIFICATION_COUNT} fiche(s) chargée(s), dont ${CERTIFICATION_COUNT} inchangée(s)`);
    expect(readFileSync(join(root, 'dist/rome/k1704/index.html'), 'utf8')).toContain('Intitulé modifié');
    // The whole-registry dumps are rewritten from the new record beside the old ones.
    const dumped = (site: string) => dumpRecords(join(root, site), 'rome').find((r) => r.code === 'K1704')?.intitule;
    expect(dumped('dist')).toBe('Intitulé modifié');
    expect(dumped('dist-first')).toBe('Management de la sécurité publique');
    // One part per kind now, and neither the first build's other parts nor the old dump left to publish.
    expect(readdirSync(join(root, 'dist/api/v1/dumps')).sort()).toEqual([
      'certifications.ndjson.gz',
      'index.json',
      'rome.ndjson.gz',
      'rs.ndjson.gz',
    ]);
    // An unchanged record still takes part in the cross-record checks: removing a sheet it cites is an error.
    const removed = readFileSync(join(root, 'content/rome/k1404.yaml'));
    rmSync(join(root, 'content/rome/k1404.yaml'));
    const bad = build(root);
    expect(bad.status).not.toBe(0);
    expect(bad.output).toMatch(
      /content\/certifications\/rncp39853\.yaml:\d+:\d+ error Le code ROME « K1404 » ne correspond à aucune fiche/,
    );

    // A schema change validates everything again.
    writeFileSync(join(root, 'content/rome/k1404.yaml'), removed);
    edit(root, 'schemas/rome.schema.json', '"title"', '"title" ');
    const third = build(root);
    expect(third.status, third.output).toBe(0);
    expect(third.output).toContain(`rome : ${ROME_COUNT} fiche(s) chargée(s), dont 0 inchangée(s)`);
  }, 120_000);
});
